import { DECODE_CRC_MISMATCH, DECODE_OK, decodeLayout, layoutTimestamp, newLayout } from '../../wal/binary-layout.js';
import { decodeJsonlLine, trimLikeRust } from '../../wal/jsonl-codec.js';
import { decodeUtf8 } from '../../wal/utf8.js';
import { parseJson, toPrettyText } from '../../json/index.js';
import type { EntryDetail, FieldSpan, RawBytes } from '../../contract/contract-types.js';
import { fail } from '../inspector-error.js';
import { rowView, rowViews } from '../query/row-view.js';
import type { Session } from '../session.js';
import { binarySpans } from './field-spans.js';
import { isoTime } from './iso-time.js';

/** At most this many bytes of one row go into `raw` (a hex view of more helps nobody). */
export const RAW_LIMIT = 256 * 1024;
/** Bytes shown before and after a damaged range. */
export const DAMAGE_CONTEXT = 64;

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');

function pretty(data: string | null): { pretty: string | null; error: string | null } {
  if (data === null) return { pretty: null, error: null };
  const parsed = parseJson(data);
  if (!parsed.ok) return { pretty: null, error: `${parsed.message} (line ${parsed.line}, column ${parsed.column})` };
  return { pretty: toPrettyText(parsed.value), error: null };
}

function rawOf(bytes: Uint8Array, offset: number, full: number): RawBytes {
  const cut = bytes.subarray(0, RAW_LIMIT);
  return { offset, length: cut.length, base64: Buffer.from(cut.buffer, cut.byteOffset, cut.length).toString('base64'), truncated: full > cut.length };
}

/** entry.get: one row in full, from its bytes on disk. */
export async function entryDetail(session: Session, row: number): Promise<EntryDetail> {
  const s = session.store;
  if (!Number.isInteger(row) || row < 0 || row >= s.rows) {
    fail('UNKNOWN_ROW', `row ${row} does not exist (the session has ${s.rows} rows)`, { row });
  }
  if (s.isDamage(row)) return damageDetail(session, row);
  const [view] = await rowViews(session, [row]);
  if (!view) throw new Error(`no view of row ${row}`);
  const seg = session.segments[view.segment_index]!;
  const bytes = await session.bytes.read(seg, view.offset, view.length);
  const base = { row: view, transaction_id_hex: '', collection_hex: '', document_id_hex: '' };
  if (seg.format === 'jsonl') {
    const d = decodeJsonlLine(trimLikeRust(decoder.decode(bytes)));
    const e = d.ok ? d.entry : null;
    const data = e?.data ?? null;
    const p = pretty(data);
    return {
      ...base, row: { ...view, timestamp: e ? e.timestamp.toString() : view.timestamp },
      data, data_pretty: p.pretty, data_error: p.error,
      transaction_id_hex: e ? hex(e.transactionId) : '', collection_hex: e ? hex(e.collection) : '', document_id_hex: e ? hex(e.documentId) : '',
      time_iso: isoTime(e?.timestamp ?? null), raw: rawOf(bytes, view.offset, view.length),
      spans: [{ field: 'line', start: 0, end: bytes.length, label: `JSON line (${bytes.length} bytes)` }],
      crc_stored: null, crc_computed: null,
    };
  }
  const l = newLayout();
  const st = decodeLayout(bytes, 0, bytes.length, l);
  if (st !== DECODE_OK && st !== DECODE_CRC_MISMATCH) {
    fail('IO_ERROR', `the entry at ${seg.name}:${view.offset} no longer decodes (${l.problem}); the file changed since it was indexed`, { segment: seg.name, offset: view.offset, row });
  }
  const data = l.dataLen < 0 ? null : decodeUtf8(bytes.subarray(l.dataStart, l.dataStart + l.dataLen));
  const ts = layoutTimestamp(bytes, l);
  const p = pretty(data);
  return {
    row: { ...view, timestamp: ts.toString() }, data, data_pretty: p.pretty, data_error: p.error,
    transaction_id_hex: hex(bytes.subarray(l.txStart, l.txStart + 32)),
    collection_hex: hex(bytes.subarray(l.colStart, l.colStart + l.colLen)),
    document_id_hex: hex(bytes.subarray(l.docStart, l.docStart + l.docLen)),
    time_iso: isoTime(ts), raw: rawOf(bytes, view.offset, view.length), spans: binarySpans(l, 0, 0).filter((x) => x.end <= RAW_LIMIT),
    crc_stored: l.storedCrc, crc_computed: l.computedCrc,
  };
}

/** A damaged range: its bytes (cut past RAW_LIMIT) with some context before and after. */
async function damageDetail(session: Session, row: number): Promise<EntryDetail> {
  const view = rowView(session, row);
  const seg = session.segments[view.segment_index]!;
  const from = Math.max(0, view.offset - DAMAGE_CONTEXT);
  const shown = Math.min(view.length, RAW_LIMIT - 2 * DAMAGE_CONTEXT);
  const bytes = await session.bytes.read(seg, from, view.offset - from + shown + DAMAGE_CONTEXT);
  const dStart = view.offset - from;
  const dEnd = Math.min(bytes.length, dStart + shown);
  const spans: FieldSpan[] = [];
  if (dStart > 0) spans.push({ field: 'before', start: 0, end: dStart, label: `${dStart} bytes before the damage` });
  spans.push({ field: 'damage', start: dStart, end: dEnd, label: `${view.damage}: ${view.length} bytes${shown < view.length ? ` (first ${shown} shown)` : ''}` });
  if (bytes.length > dEnd && shown === view.length) spans.push({ field: 'after', start: dEnd, end: bytes.length, label: `${bytes.length - dEnd} bytes after the damage` });
  let crcStored: number | null = null;
  let crcComputed: number | null = null;
  if (view.damage === 'crc-mismatch' && seg.format !== 'jsonl') {
    const l = newLayout();
    if (decodeLayout(bytes, dStart, dEnd, l) === DECODE_CRC_MISMATCH) {
      crcStored = l.storedCrc;
      crcComputed = l.computedCrc;
      spans.push(...binarySpans(l, dStart, 0));
    }
  }
  return {
    row: view, data: null, data_pretty: null, data_error: null, transaction_id_hex: '', collection_hex: '', document_id_hex: '',
    time_iso: isoTime(view.time),
    raw: { offset: from, length: bytes.length, base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64'), truncated: shown < view.length },
    spans, crc_stored: crcStored, crc_computed: crcComputed, ...(view.impact ? { impact: view.impact } : {}),
  };
}
