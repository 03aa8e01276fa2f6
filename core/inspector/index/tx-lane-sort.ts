import { CHUNK_MASK, CHUNK_SHIFT, TYPE_DAMAGE, chunkViews, type RowChunk } from './index-layout.js';

const DIGIT = 11;
const BUCKETS = 1 << DIGIT;
const MASK = BUCKETS - 1;

/**
 * The entry rows of an index ordered by the first lane of their transaction id's hash, rows in
 * row order within a lane: what query/sorted-tx-groups.ts groups transactions by. `keys[k]` is
 * the lane of row `order[k]`, for k < m.
 */
export interface LaneOrder {
  readonly keys: Uint32Array;
  readonly order: Int32Array;
  readonly m: number;
}

/**
 * Rows [from, to) of the chunks (views or their shared buffers) whose lane is in [lanesFrom,
 * lanesTo), damage rows left out, sorted by lane (stable). Two threads each sort the rows of
 * half the lanes: their orders end to end are the whole order (concatLanes), no merge needed.
 */
export function sortLanes(chunks: readonly (RowChunk | SharedArrayBuffer)[], from: number, to: number, lanesFrom = 0, lanesTo = 2 ** 32): LaneOrder {
  const keys = new Uint32Array(Math.max(0, to - from));
  const order = new Int32Array(keys.length);
  let m = 0;
  for (let r = from; r < to;) {
    const k = r >>> CHUNK_SHIFT;
    const c = chunks[k]!;
    const v = c instanceof SharedArrayBuffer ? chunkViews(c) : c;
    const at = r & CHUNK_MASK;
    const n = Math.min(CHUNK_MASK + 1 - at, to - r);
    m = lanesFrom === 0 && lanesTo === 2 ** 32
      ? collect(v.type, v.txLo, at, n, r - at, keys, order, m)
      : collectLanes(v.type, v.txLo, at, n, r - at, keys, order, m, lanesFrom, lanesTo);
    r += n;
  }
  return radixSort(keys, order, m);
}

function collect(type: Uint8Array, lo: Uint32Array, at: number, n: number, base: number, keys: Uint32Array, order: Int32Array, m: number): number {
  for (let i = at; i < at + n; i++) {
    if (type[i] === TYPE_DAMAGE) continue;
    keys[m] = lo[i]!;
    order[m++] = base + i;
  }
  return m;
}

function collectLanes(
  type: Uint8Array, lo: Uint32Array, at: number, n: number, base: number, keys: Uint32Array, order: Int32Array, m: number, lanesFrom: number, lanesTo: number,
): number {
  // Written always, kept by the count: which half a lane falls in is a coin toss, a branch on it mispredicted half the time.
  for (let i = at; i < at + n; i++) {
    const x = lo[i]!;
    keys[m] = x;
    order[m] = base + i;
    m += ((x >= lanesFrom) && (x < lanesTo) && type[i] !== TYPE_DAMAGE) ? 1 : 0;
  }
  return m;
}

/** The orders of two lane ranges, all of `a`'s lanes below `b`'s, as one (copied end to end: a merge of two halves cost as much as sorting one). */
export function concatLanes(a: LaneOrder, b: LaneOrder): LaneOrder {
  const m = a.m + b.m;
  const keys = new Uint32Array(m);
  const order = new Int32Array(m);
  keys.set(a.keys.subarray(0, a.m));
  keys.set(b.keys.subarray(0, b.m), a.m);
  order.set(a.order.subarray(0, a.m));
  order.set(b.order.subarray(0, b.m), a.m);
  return { keys, order, m };
}

/** Stable LSD radix sort of keys[0, m) (u32) carrying order; three passes of 11 bits. */
function radixSort(keys: Uint32Array, order: Int32Array, m: number): LaneOrder {
  const c0 = new Int32Array(BUCKETS);
  const c1 = new Int32Array(BUCKETS);
  const c2 = new Int32Array(BUCKETS);
  const counts = [c0, c1, c2];
  for (let k = 0; k < m; k++) {
    const x = keys[k]!;
    c0[x & MASK]!++;
    c1[(x >>> DIGIT) & MASK]!++;
    c2[x >>> (2 * DIGIT)]!++;
  }
  let ka: Uint32Array = keys;
  let oa: Int32Array = order;
  let kb: Uint32Array = new Uint32Array(m);
  let ob: Int32Array = new Int32Array(m);
  for (let d = 0; d < 3; d++) {
    scatter(ka, oa, kb, ob, m, counts[d]!, d * DIGIT);
    [ka, kb] = [kb, ka];
    [oa, ob] = [ob, oa];
  }
  return { keys: ka, order: oa, m };
}

function scatter(ks: Uint32Array, os: Int32Array, kd: Uint32Array, od: Int32Array, m: number, counts: Int32Array, shift: number): void {
  let sum = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const t = counts[b]!;
    counts[b] = sum;
    sum += t;
  }
  for (let k = 0; k < m; k++) {
    const x = ks[k]!;
    const at = counts[(x >>> shift) & MASK]!++;
    kd[at] = x;
    od[at] = os[k]!;
  }
}
