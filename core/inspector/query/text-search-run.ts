import type { ByteSource } from '../../wal/byte-source.js';
import { decodeJsonlLine, trimLikeRust } from '../../wal/jsonl-codec.js';
import { FLAG_HAS_DATA } from '../index/index-layout.js';
import type { RowStore } from '../index/row-store.js';
import { AnchorSearch, AnyOfSearch, type RawSearch } from './text-search-anchor.js';
import type { Needle } from './text-needle.js';

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();
/** Rows are read in runs of about this many bytes, cut at row boundaries (a match never spans two rows). */
export const RUN = 8 << 20;

/**
 * The last row of [r, end) whose offset is ≤ pos, given that row r's is (rows of one segment
 * are in offset order). Hits come in order, so it gallops forward from the row of the last one:
 * a few steps for the next row, a binary search for a far one.
 */
function rowFrom(store: RowStore, r: number, end: number, pos: number): number {
  let lo = r;
  let step = 1;
  while (lo + step < end && store.offset(lo + step) <= pos) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(lo + step, end) - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (store.offset(mid) <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The read buffer of one thread's searches (grown when a run needs more) and its needle's anchor. */
export class RunBuffers {
  read = Buffer.from(new ArrayBuffer(RUN));
  private anchored: Needle | null = null;
  private anchor: RawSearch | null = null;
  fit(n: number): void {
    if (n <= this.read.length) return;
    this.read = Buffer.from(new ArrayBuffer(n));
  }
  /** The search for the needle's literals (each anchored on the bytes of the first run it searches). */
  anchorOf(needle: Needle, sample: Uint8Array): RawSearch {
    if (this.anchored !== needle || !this.anchor) {
      const each = needle.literals.map((l) => new AnchorSearch(l, needle.folded, sample));
      this.anchor = each.length === 1 ? each[0]! : new AnyOfSearch(each);
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
 * Marks the rows of [row, end) (one binary segment) whose data matches: `out[r - base] = 1`.
 * The run is read at once and searched as raw bytes (text-search-anchor.ts: memchr on the
 * needle's rarest byte, never a folded copy of the run). A hit is decided from the index
 * alone: an entry's data is its last `dataBytes` bytes before the 4-byte CRC (FORMAT.md), and
 * the indexer checked the entry's structure and UTF-8 already, so nothing is decoded. A
 * regular expression is run on the data (as text) of the rows holding one of its literals
 * (regex-literal.ts), or of every row when it has none.
 */
export function searchBinaryRun(
  store: RowStore, source: ByteSource, needle: Needle, row: number, end: number, b: RunBuffers, out: Uint8Array, base: number,
): void {
  const from = store.offset(row);
  const to = store.offset(end - 1) + store.length(end - 1);
  b.fit(to - from);
  const n = source.readInto(b.read, 0, from, to - from);
  const hay = b.read.subarray(0, n);
  const regex = needle.regex;
  const hasData = (r: number, rowEnd: number) => !store.isDamage(r) && (store.flags(r) & FLAG_HAS_DATA) !== 0 && rowEnd <= n;
  if (needle.literals.length === 0) {
    for (let r = row; r < end; r++) {
      const rowEnd = store.offset(r) + store.length(r) - from;
      if (!hasData(r, rowEnd)) continue;
      const de = rowEnd - 4;
      if (!regex || regex.test(hay.toString('utf8', de - store.dataBytes(r), de))) out[r - base] = 1;
    }
    return;
  }
  const anchor = b.anchorOf(needle, hay);
  let r = row;
  for (let at = anchor.find(hay, 0); at >= 0; ) {
    const len = anchor.length;
    r = rowFrom(store, r, end, from + at);
    const rowEnd = store.offset(r) + store.length(r) - from;
    // Where the next hit that could decide a row may start.
    let next = rowEnd;
    if (hasData(r, rowEnd)) {
      const de = rowEnd - 4;
      const ds = de - store.dataBytes(r);
      if (at < ds) {
        next = ds; // in the entry's header (an id): the data may still hold the needle
      } else if (at + len <= de) {
        // In the data: this row is decided.
        if (!regex || regex.test(hay.toString('utf8', ds, de))) out[r - base] = 1;
      } else {
        next = at + 1; // past the data's end: a shorter literal may start later and still end inside
      }
    }
    at = anchor.find(hay, Math.max(at + 1, next));
  }
}

/** Marks the rows of [row, end) (one JSON Lines segment) whose data matches: `out[r - base] = 1`. */
export function searchLines(store: RowStore, source: ByteSource, needle: Needle, row: number, end: number, out: Uint8Array, base: number): void {
  for (let r = row; r < end; r++) {
    if ((store.flags(r) & FLAG_HAS_DATA) === 0 || store.isDamage(r)) continue;
    const buf = Buffer.allocUnsafe(store.length(r));
    const got = source.readInto(buf, 0, store.offset(r), buf.length);
    const d = decodeJsonlLine(trimLikeRust(decoder.decode(buf.subarray(0, got))));
    if (d.ok && d.entry.data !== null) {
      const text = d.entry.data;
      if (needle.inData(encoder.encode(text), () => text)) out[r - base] = 1;
    }
  }
}
