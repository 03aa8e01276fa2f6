import { DECODE_CRC_MISMATCH, DECODE_OK, decodeLayout, layoutTimestamp, newLayout } from '../../wal/binary-layout.js';
import { decodeJsonlLine, trimLikeRust } from '../../wal/jsonl-codec.js';
import type { Row } from '../../contract/contract-types.js';
import { isInexact } from '../query/row-view.js';
import type { Session } from '../session.js';

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** The exact u64 timestamp of an entry row, read from its bytes. */
export async function readExactTimestamp(session: Session, row: number): Promise<bigint | null> {
  const s = session.store;
  const seg = session.segments[s.segment(row)]!;
  const bytes = await session.bytes.read(seg, s.offset(row), s.length(row));
  if (seg.format === 'jsonl') {
    const d = decodeJsonlLine(trimLikeRust(decoder.decode(bytes)));
    return d.ok ? d.entry.timestamp : null;
  }
  const l = newLayout();
  const st = decodeLayout(bytes, 0, bytes.length, l);
  return st === DECODE_OK || st === DECODE_CRC_MISMATCH ? layoutTimestamp(bytes, l) : null;
}

/** Fills in the exact timestamp text of rows whose time is past 2^53 (rare: read from disk). */
export async function exactTimestamps(session: Session, rows: Row[]): Promise<Row[]> {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.kind === 'entry' && isInexact(session, r.row)) {
      const exact = await readExactTimestamp(session, r.row);
      rows[i] = { ...r, timestamp: exact === null ? String(r.time) : exact.toString() };
    }
  }
  return rows;
}
