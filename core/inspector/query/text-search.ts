import { DECODE_CRC_MISMATCH, DECODE_OK, decodeLayout, newLayout, type EntryLayout } from '../../wal/binary-layout.js';
import type { ByteSource } from '../../wal/byte-source.js';
import { decodeJsonlLine, trimLikeRust } from '../../wal/jsonl-codec.js';
import { FLAG_HAS_DATA } from '../index/index-layout.js';
import type { RowStore } from '../index/row-store.js';
import { fail } from '../inspector-error.js';
import type { Session } from '../session.js';
import { foldAsciiInto, Needle } from './text-needle.js';

export type TextProgress = (done: number, total: number) => void;

export interface TextOptions {
  readonly caseSensitive: boolean;
  readonly regex: boolean;
  /** performance.now() after which the search answers with what it has (rows [0, scanned) decided). */
  readonly deadline?: number;
  readonly signal?: AbortSignal;
  readonly progress?: TextProgress;
  /** Bytes per run (tests use small runs to see partial answers); default 8 MiB. */
  readonly runBytes?: number;
}

/** Matches so far: rows [0, scanned) are decided, 1 = the row's data matches. */
export interface TextMatches {
  bitmap: Uint8Array;
  scanned: number;
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();
/** Rows are read in runs of about this many bytes, cut at row boundaries (a match never spans two rows). */
const RUN = 8 << 20;

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

function entryData(bytes: Uint8Array, at: number, length: number, l: EntryLayout): Uint8Array | null {
  const st = decodeLayout(bytes, at, at + length, l);
  if ((st !== DECODE_OK && st !== DECODE_CRC_MISMATCH) || l.dataLen < 0) return null;
  return bytes.subarray(l.dataStart, l.dataStart + l.dataLen);
}

/** Read and fold buffers of one search, grown when a run needs more (each its own ArrayBuffer: 4-byte aligned). */
class Buffers {
  read = Buffer.from(new ArrayBuffer(RUN));
  fold = Buffer.from(new ArrayBuffer(RUN));
  fit(n: number): void {
    if (n <= this.read.length) return;
    this.read = Buffer.from(new ArrayBuffer(n));
    this.fold = Buffer.from(new ArrayBuffer(n));
  }
}

/**
 * Which rows' stored data matches `query` (bitmap), reading payloads from disk. Binary segments
 * are read in runs of rows (~8 MiB) and searched as raw bytes (Buffer.indexOf, on ASCII-folded
 * bytes without case), and only the rows where a hit lands are decoded to confirm it lies in
 * their data; a regular expression is tested on each entry's data text. Results are kept per
 * session and extended as rows are added; with a deadline the answer may be partial (scanned <
 * rows) and the next call goes on from there. Yields between runs, so it can be cancelled.
 */
export async function textMatches(session: Session, query: string, o: TextOptions): Promise<TextMatches> {
  const store = session.store;
  const key = `text:${o.caseSensitive ? 1 : 0}:${o.regex ? 1 : 0}:${query}`;
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
  let needle: Needle;
  try {
    needle = new Needle(query, o.caseSensitive, o.regex);
  } catch (e) {
    fail('INVALID_ARGUMENT', `text: not a valid regular expression: ${(e as Error).message}`, { field: 'filter.text' });
  }
  const layout = newLayout();
  const buffers = new Buffers();
  const tick = async (done: number) => {
    o.progress?.(done, rows);
    await new Promise((resolve) => setImmediate(resolve));
    if (o.signal?.aborted) fail('ABORTED', 'the text search was cancelled');
    if (store.rows < rows) fail('ABORTED', 'rows were withdrawn during the search; search again');
  };
  while (m.scanned < rows) {
    const row = m.scanned;
    const segIndex = store.segment(row);
    const seg = session.segments[segIndex]!;
    const source = await session.bytes.source(seg);
    let end = row + 1;
    const from = store.offset(row);
    // A run: the rows of this segment from `row` on that fit in RUN bytes (at least one).
    const run = o.runBytes ?? RUN;
    while (end < rows && store.segment(end) === segIndex && store.offset(end) + store.length(end) - from <= run) end++;
    if (seg.format === 'jsonl') searchLines(store, source, needle, m, row, end);
    else searchRun(store, source, needle, m, row, end, buffers, layout);
    m.scanned = end;
    await tick(end);
    // At least one run a call, so that asking again always gets further.
    if (o.deadline !== undefined && performance.now() > o.deadline && m.scanned < rows) return m;
  }
  o.progress?.(rows, rows);
  return m;
}

function searchRun(store: RowStore, source: ByteSource, needle: Needle, m: TextMatches, row: number, end: number, b: Buffers, layout: EntryLayout): void {
  const from = store.offset(row);
  const to = store.offset(end - 1) + store.length(end - 1);
  b.fit(to - from);
  const n = source.readInto(b.read, 0, from, to - from);
  const hasData = (r: number) => !store.isDamage(r) && (store.flags(r) & FLAG_HAS_DATA) !== 0 && store.offset(r) + store.length(r) - from <= n;
  if (needle.regex) {
    for (let r = row; r < end; r++) {
      if (!hasData(r)) continue;
      const data = entryData(b.read, store.offset(r) - from, store.length(r), layout);
      if (data && needle.inData(data)) m.bitmap[r] = 1;
    }
    return;
  }
  let bytes = needle.bytes!;
  let hay = b.read.subarray(0, n);
  if (needle.anchor) {
    bytes = needle.anchor; // raw bytes, no fold: every hit's row is confirmed below
  } else if (needle.folded) {
    foldAsciiInto(b.read, b.fold, n);
    hay = b.fold.subarray(0, n);
  }
  for (let at = hay.indexOf(bytes); at >= 0; ) {
    const r = rowAt(store, row, end, from + at);
    const rowEnd = store.offset(r) + store.length(r) - from;
    if (!m.bitmap[r] && hasData(r) && at + bytes.length <= rowEnd) {
      // (A hit of the anchor or of the folded bytes: the row's data decides.)
      const data = entryData(b.read, store.offset(r) - from, store.length(r), layout);
      if (data && needle.inData(data)) m.bitmap[r] = 1;
    }
    // The next hit in a later row: this row is decided.
    at = hay.indexOf(bytes, Math.max(at + 1, rowEnd));
  }
}

function searchLines(store: RowStore, source: ByteSource, needle: Needle, m: TextMatches, row: number, end: number): void {
  for (let r = row; r < end; r++) {
    if ((store.flags(r) & FLAG_HAS_DATA) === 0 || store.isDamage(r)) continue;
    const buf = Buffer.allocUnsafe(store.length(r));
    const got = source.readInto(buf, 0, store.offset(r), buf.length);
    const d = decodeJsonlLine(trimLikeRust(decoder.decode(buf.subarray(0, got))));
    if (d.ok && d.entry.data !== null) {
      const text = d.entry.data;
      if (needle.inData(encoder.encode(text), () => text)) m.bitmap[r] = 1;
    }
  }
}
