import { CHECK_STRUCTURE, DECODE_CRC_MISMATCH, DECODE_OK, decodeLayout, newLayout, type EntryLayout } from '../../wal/binary-layout.js';
import type { ByteSource } from '../../wal/byte-source.js';
import { decodeJsonlLine, trimLikeRust } from '../../wal/jsonl-codec.js';
import { FLAG_HAS_DATA } from '../index/index-layout.js';
import type { RowStore } from '../index/row-store.js';
import { AnchorSearch } from './text-search-anchor.js';
import type { Needle } from './text-needle.js';

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();
/** Rows are read in runs of about this many bytes, cut at row boundaries (a match never spans two rows). */
export const RUN = 8 << 20;

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
  // The stored data is searched whatever its CRC says: its check is left out.
  const st = decodeLayout(bytes, at, at + length, l, CHECK_STRUCTURE);
  if ((st !== DECODE_OK && st !== DECODE_CRC_MISMATCH) || l.dataLen < 0) return null;
  return bytes.subarray(l.dataStart, l.dataStart + l.dataLen);
}

/** Whether bytes [at, at + length) of the run lie in the data of the entry just decoded. */
function inside(l: EntryLayout, at: number, length: number): boolean {
  return at >= l.dataStart && at + length <= l.dataStart + l.dataLen;
}

/** The read buffer of one thread's searches (grown when a run needs more) and its needle's anchor. */
export class RunBuffers {
  read = Buffer.from(new ArrayBuffer(RUN));
  readonly layout = newLayout();
  private anchored: Needle | null = null;
  private anchor: AnchorSearch | null = null;
  fit(n: number): void {
    if (n <= this.read.length) return;
    this.read = Buffer.from(new ArrayBuffer(n));
  }
  /** The needle's anchor, chosen on the bytes of the first run it searches. */
  anchorOf(needle: Needle, sample: Uint8Array): AnchorSearch {
    if (this.anchored !== needle || !this.anchor) {
      this.anchor = new AnchorSearch(needle.bytes!, needle.folded, sample);
      this.anchored = needle;
    }
    return this.anchor;
  }
}

/** The end of the run starting at `row`: the rows of its segment from `row` on that fit in `run` bytes (at least one). */
export function runEnd(store: RowStore, row: number, rows: number, run: number): number {
  const seg = store.segment(row);
  const from = store.offset(row);
  let end = row + 1;
  while (end < rows && store.segment(end) === seg && store.offset(end) + store.length(end) - from <= run) end++;
  return end;
}

/**
 * The rows of [row, end) (one binary segment) whose data matches, in order: the run is read
 * at once and searched as raw bytes (text-search-anchor.ts: memchr on the needle's rarest
 * byte, never a folded copy of the run); only the rows a hit lands in are decoded, to confirm
 * it lies in their data. A regular expression is tested on each entry's data.
 */
export function searchBinaryRun(store: RowStore, source: ByteSource, needle: Needle, row: number, end: number, b: RunBuffers): number[] {
  const hits: number[] = [];
  const from = store.offset(row);
  const to = store.offset(end - 1) + store.length(end - 1);
  b.fit(to - from);
  const n = source.readInto(b.read, 0, from, to - from);
  const layout = b.layout;
  const hasData = (r: number) => !store.isDamage(r) && (store.flags(r) & FLAG_HAS_DATA) !== 0 && store.offset(r) + store.length(r) - from <= n;
  if (needle.regex) {
    for (let r = row; r < end; r++) {
      if (!hasData(r)) continue;
      const data = entryData(b.read, store.offset(r) - from, store.length(r), layout);
      if (data && needle.inData(data)) hits.push(r);
    }
    return hits;
  }
  const bytes = needle.bytes!;
  const hay = b.read.subarray(0, n);
  const anchor = bytes.length > 0 ? b.anchorOf(needle, hay) : null;
  if (!anchor) {
    for (let r = row; r < end; r++) if (hasData(r) && entryData(b.read, store.offset(r) - from, store.length(r), layout)) hits.push(r);
    return hits;
  }
  const find = (at: number) => anchor.find(hay, at);
  for (let at = find(0); at >= 0; ) {
    const r = rowAt(store, row, end, from + at);
    const rowEnd = store.offset(r) + store.length(r) - from;
    if (hasData(r) && at + bytes.length <= rowEnd) {
      // A hit of the needle's bytes (folded or not) in this row: in its data, or else elsewhere in its data.
      const data = entryData(b.read, store.offset(r) - from, store.length(r), layout);
      if (data && (inside(layout, at, bytes.length) || anchor!.occursIn(Buffer.from(data.buffer, data.byteOffset, data.length)))) hits.push(r);
    }
    // The next hit in a later row: this row is decided.
    at = find(Math.max(at + 1, rowEnd));
  }
  return hits;
}

/** The rows of [row, end) (one JSON Lines segment) whose data matches. */
export function searchLines(store: RowStore, source: ByteSource, needle: Needle, row: number, end: number): number[] {
  const hits: number[] = [];
  for (let r = row; r < end; r++) {
    if ((store.flags(r) & FLAG_HAS_DATA) === 0 || store.isDamage(r)) continue;
    const buf = Buffer.allocUnsafe(store.length(r));
    const got = source.readInto(buf, 0, store.offset(r), buf.length);
    const d = decodeJsonlLine(trimLikeRust(decoder.decode(buf.subarray(0, got))));
    if (d.ok && d.entry.data !== null) {
      const text = d.entry.data;
      if (needle.inData(encoder.encode(text), () => text)) hits.push(r);
    }
  }
  return hits;
}
