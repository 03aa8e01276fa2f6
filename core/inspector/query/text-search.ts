import { DECODE_CRC_MISMATCH, DECODE_OK, decodeLayout, newLayout, type EntryLayout } from '../../wal/binary-layout.js';
import type { ByteSource } from '../../wal/byte-source.js';
import { decodeJsonlLine, trimLikeRust } from '../../wal/jsonl-codec.js';
import { FLAG_HAS_DATA } from '../index/index-layout.js';
import type { RowStore } from '../index/row-store.js';
import { fail } from '../inspector-error.js';
import type { Session } from '../session.js';

export type TextProgress = (done: number, total: number) => void;

interface TextMatches {
  bitmap: Uint8Array;
  scanned: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const FOLD = new Uint8Array(256).map((_, b) => (b >= 0x41 && b <= 0x5a ? b + 32 : b));
const CHUNK = 8 << 20;

function foldAscii(bytes: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = FOLD[bytes[i]!]!;
  return out;
}

/** A matcher: exact bytes, or ASCII case folding (letters outside ASCII match only themselves). */
class Needle {
  readonly bytes: Buffer;
  readonly folded: boolean;
  readonly latin1: string;
  constructor(query: string, caseSensitive: boolean) {
    const raw = Buffer.from(encoder.encode(query));
    this.folded = !caseSensitive && /[A-Za-z]/.test(query);
    this.bytes = this.folded ? foldAscii(raw) : raw;
    this.latin1 = this.bytes.toString('latin1').toLowerCase();
  }

  /** Positions in `chunk` where the needle may start (a superset when folded; confirm each). */
  *candidates(chunk: Buffer): Generator<number> {
    if (!this.folded) {
      for (let at = chunk.indexOf(this.bytes); at >= 0; at = chunk.indexOf(this.bytes, at + 1)) yield at;
      return;
    }
    // latin1 lowercasing folds ASCII like FOLD does, plus a few Latin-1 letters: a superset.
    const hay = chunk.toString('latin1').toLowerCase();
    if (hay.length !== chunk.length) {
      const f = foldAscii(chunk);
      for (let at = f.indexOf(this.bytes); at >= 0; at = f.indexOf(this.bytes, at + 1)) yield at;
      return;
    }
    for (let at = hay.indexOf(this.latin1); at >= 0; at = hay.indexOf(this.latin1, at + 1)) yield at;
  }

  /** Whether the data bytes contain the needle, exactly as defined. */
  inData(data: Uint8Array): boolean {
    const hay = this.folded ? foldAscii(data) : Buffer.from(data.buffer, data.byteOffset, data.length);
    return hay.indexOf(this.bytes) >= 0;
  }
}

/** The last row of [lo, hi) whose offset is ≤ pos (rows of one segment are in offset order). */
function rowAt(store: RowStore, lo: number, hi: number, pos: number): number {
  let a = lo;
  let b = hi - 1;
  while (a < b) {
    const mid = (a + b + 1) >>> 1;
    if (store.offset(mid) <= pos) a = mid;
    else b = mid - 1;
  }
  return a;
}

function entryData(bytes: Uint8Array, l: EntryLayout): Uint8Array | null {
  const st = decodeLayout(bytes, 0, bytes.length, l);
  if ((st !== DECODE_OK && st !== DECODE_CRC_MISMATCH) || l.dataLen < 0) return null;
  return bytes.subarray(l.dataStart, l.dataStart + l.dataLen);
}

function readBytes(source: ByteSource, offset: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  const n = source.readInto(out, 0, offset, length);
  return out.subarray(0, n);
}

/**
 * Which rows' stored data contains `query` (bitmap, 1 = match), reading payloads from disk.
 * Binary segments are searched chunk by chunk (8 MiB, indexOf over the raw bytes); only rows
 * with a candidate hit are decoded to confirm it lies in their data. Results are kept per
 * session and extended as rows are added. Yields between chunks, so it can be cancelled.
 */
export async function textMatches(
  session: Session, query: string, caseSensitive: boolean, signal?: AbortSignal, progress?: TextProgress,
): Promise<Uint8Array> {
  const store = session.store;
  const key = `text:${caseSensitive ? 1 : 0}:${query}`;
  let m = session.cache.lasting.get(key) as TextMatches | undefined;
  const rows = store.rows;
  if (!m) {
    m = { bitmap: new Uint8Array(rows), scanned: 0 };
    session.cache.lasting.set(key, m);
  }
  if (m.scanned > rows) m.scanned = rows;
  if (m.bitmap.length < rows) {
    const grown = new Uint8Array(rows);
    grown.set(m.bitmap.subarray(0, m.scanned));
    m.bitmap = grown;
  }
  const needle = new Needle(query, caseSensitive);
  const layout = newLayout();
  const tick = async (done: number) => {
    progress?.(done, rows);
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) fail('ABORTED', 'the text search was cancelled');
    if (store.rows < rows) fail('ABORTED', 'rows were withdrawn during the search; search again');
  };
  let row = m.scanned;
  while (row < rows) {
    const segIndex = store.segment(row);
    const seg = session.segments[segIndex]!;
    let end = row;
    while (end < rows && store.segment(end) === segIndex) end++;
    const source = await session.bytes.source(seg);
    if (seg.format === 'jsonl') {
      for (let r = row; r < end; r++) {
        if ((store.flags(r) & FLAG_HAS_DATA) === 0 || store.isDamage(r)) continue;
        const d = decodeJsonlLine(trimLikeRust(decoder.decode(readBytes(source, store.offset(r), store.length(r)))));
        if (d.ok && d.entry.data !== null && needle.inData(encoder.encode(d.entry.data))) m.bitmap[r] = 1;
        if ((r & 4095) === 0) await tick(r);
      }
    } else {
      const from = store.offset(row);
      const to = store.offset(end - 1) + store.length(end - 1);
      const overlap = Math.max(0, needle.bytes.length - 1);
      for (let pos = from; pos < to; ) {
        const chunk = readBytes(source, pos, Math.min(CHUNK, to - pos));
        let confirmedUpTo = -1;
        for (const at of needle.candidates(chunk)) {
          const abs = pos + at;
          if (abs < confirmedUpTo || at + needle.bytes.length > chunk.length) continue;
          const r = rowAt(store, row, end, abs);
          const rowEnd = store.offset(r) + store.length(r);
          confirmedUpTo = rowEnd;
          if (m.bitmap[r] || store.isDamage(r) || (store.flags(r) & FLAG_HAS_DATA) === 0 || abs + needle.bytes.length > rowEnd) continue;
          const data = entryData(readBytes(source, store.offset(r), store.length(r)), layout);
          if (data && needle.inData(data)) m.bitmap[r] = 1;
        }
        if (pos + chunk.length >= to || chunk.length === 0) break;
        pos += chunk.length - overlap;
        m.scanned = rowAt(store, row, end, pos);
        await tick(m.scanned);
      }
    }
    row = end;
    m.scanned = end;
  }
  progress?.(rows, rows);
  return m.bitmap;
}
