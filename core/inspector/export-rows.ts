import { writeFileNoClobber as createFileAtomically } from '../fs/atomic-file.js';
import { entryText } from '../wal/log-entry.js';
import { recordToJson } from './views/dump-view.js';
import type { WalRecord } from '../wal/records.js';
import type { ExportArgs, ExportResult } from '../contract/contract-jobs.js';
import { RowRecordReader } from './entry/row-record.js';
import { throwIfAborted, type JobContext } from './jobs.js';
import { orderedMatches } from './query/row-page.js';
import type { Session } from './session.js';

const CSV_HEADER = 'row,kind,segment,offset,length,entry_type,transaction_id,collection,document_id,timestamp,data,damage,detail\r\n';
const FLUSH_AT = 1 << 20;

/** RFC 4180; an absent value is an empty field, an empty string a quoted one (`""`), so they stay apart. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return s === '' || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLine(row: number, r: WalRecord): string {
  if (r.kind === 'damage') {
    return [row, 'damage', r.segment, r.offset, r.length, null, null, null, null, null, null, r.damage, r.detail].map(csvField).join(',') + '\r\n';
  }
  const t = entryText(r.entry);
  return [row, 'entry', r.segment, r.offset, r.length, t.entryType, t.transactionId, t.collection, t.documentId, t.timestamp.toString(), t.data, null, null]
    .map(csvField).join(',') + '\r\n';
}

/** What an export reads: the rows of a filter in an order, as one format. */
export type ExportQuery = Pick<ExportArgs, 'filter' | 'sort' | 'format'>;

/**
 * The filtered rows, in the requested order, as the export's bytes — JSON Lines as
 * `dump --format jsonl` prints records, or CSV (RFC 4180, header line) — handed to `sink` about
 * 1 MiB at a time (awaited: a slow reader slows the export, nothing piles up in memory).
 */
export async function streamExportRows(session: Session, args: ExportQuery, job: JobContext, sink: (chunk: Buffer) => Promise<void>): Promise<{ rows: number; bytes: number }> {
  const { order, total } = await orderedMatches(session, args.filter, args.sort, job.signal);
  const reader = new RowRecordReader(session);
  let bytes = 0;
  let pending: string[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const buf = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    pendingBytes = 0;
    await sink(buf);
    bytes += buf.length;
  };
  if (args.format === 'csv') pending.push(CSV_HEADER);
  for (let i = 0; i < total; i++) {
    const row = order ? order[i]! : i;
    const record = await reader.read(row);
    const line = args.format === 'csv' ? csvLine(row, record) : recordToJson(record) + '\n';
    pending.push(line);
    pendingBytes += line.length;
    if (pendingBytes >= FLUSH_AT) {
      await flush();
      throwIfAborted(job.signal, 'the export');
      job.progress(i + 1, total, 'rows');
    }
  }
  await flush();
  job.progress(total, total, 'rows');
  return { rows: total, bytes };
}

/**
 * export.rows: the export's bytes to a new file. Never overwrites; written to a temporary file,
 * synced, then linked into place.
 */
export async function exportRows(session: Session, args: ExportArgs, job: JobContext): Promise<ExportResult> {
  let result = { rows: 0, bytes: 0 };
  await createFileAtomically(args.path, async (handle) => {
    result = await streamExportRows(session, args, job, async (chunk) => {
      await handle.write(chunk);
    });
  });
  return { path: args.path, ...result };
}
