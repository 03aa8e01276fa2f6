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

/** Rows [from, to) of the chunks (views or their shared buffers), damage rows left out, sorted by lane (stable). */
export function sortLanes(chunks: readonly (RowChunk | SharedArrayBuffer)[], from: number, to: number): LaneOrder {
  const keys = new Uint32Array(Math.max(0, to - from));
  const order = new Int32Array(keys.length);
  let m = 0;
  for (let r = from; r < to;) {
    const k = r >>> CHUNK_SHIFT;
    const c = chunks[k]!;
    const v = c instanceof SharedArrayBuffer ? chunkViews(c) : c;
    const at = r & CHUNK_MASK;
    const n = Math.min(CHUNK_MASK + 1 - at, to - r);
    m = collect(v.type, v.txLo, at, n, r - at, keys, order, m);
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

/**
 * Two lane orders of consecutive row ranges (all of `a`'s rows before `b`'s) as one: a merge,
 * `a` first among equal lanes, so rows stay in row order within a lane.
 */
export function mergeLanes(a: LaneOrder, b: LaneOrder): LaneOrder {
  const m = a.m + b.m;
  const keys = new Uint32Array(m);
  const order = new Int32Array(m);
  const ak = a.keys, ao = a.order, bk = b.keys, bo = b.order;
  let i = 0, j = 0, k = 0;
  while (i < a.m && j < b.m) {
    if (bk[j]! < ak[i]!) {
      keys[k] = bk[j]!;
      order[k++] = bo[j++]!;
    } else {
      keys[k] = ak[i]!;
      order[k++] = ao[i++]!;
    }
  }
  for (; i < a.m; i++, k++) {
    keys[k] = ak[i]!;
    order[k] = ao[i]!;
  }
  for (; j < b.m; j++, k++) {
    keys[k] = bk[j]!;
    order[k] = bo[j]!;
  }
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
