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

/**
 * export.rows: the filtered rows, in the requested order, to a new file — JSON Lines as
 * `dump --format jsonl` prints records, or CSV (RFC 4180, header line). Never overwrites;
 * written to a temporary file, synced, then linked into place.
 */
export async function exportRows(session: Session, args: ExportArgs, job: JobContext): Promise<ExportResult> {
  const { order, total } = await orderedMatches(session, args.filter, args.sort, job.signal);
  const reader = new RowRecordReader(session);
  let bytes = 0;
  await createFileAtomically(args.path, async (handle) => {
    let pending: string[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pending.length === 0) return;
      const buf = Buffer.from(pending.join(''), 'utf8');
      await handle.write(buf);
      bytes += buf.length;
      pending = [];
      pendingBytes = 0;
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
  });
  return { path: args.path, rows: total, bytes };
}
