import { TYPE_DAMAGE } from '../index/index-layout.js';
import type { RowStore } from '../index/row-store.js';
import { sortLanes } from '../index/tx-lane-sort.js';
import type { HashedTxGroups } from './tx-groups.js';

/** Past this many rows sharing a hash lane, the run is sorted by the other lane instead of compared pairwise. */
const PAIRWISE_MAX = 32;

/**
 * hashTxGroups' answer (the same groups, numbered in order of first appearance, the same
 * firstRow and shared) found by sorting instead of probing: a stable radix sort of the rows by
 * the hash's first lane, then one pass over runs of equal lanes. A log whose transactions are
 * nearly all distinct (one per entry, as Sentinel writes them) made hashTxGroups miss the cache
 * on every row of a table of tens of MB; the sort reads and writes its arrays in order. For a
 * one-shot count over the whole index (stats); a session keeps hashTxGroups, which can pause.
 */
export function sortTxGroups(store: RowStore, rows = store.rows): HashedTxGroups {
  const groupOf = new Int32Array(rows);
  // The index's own order when it made one of exactly these rows (indexLog's `counts`, on both threads).
  const sorted = store.lanes?.rows === rows ? store.lanes : sortLanes(store.chunkBuffers(), 0, rows);
  const m = sorted.m;
  store.forEachChunk((c, base, n) => markDamage(c.type, base, n, groupOf), rows);
  // lead[row]: the first row of its group, for rows whose lane is shared (-1: a group of its own).
  const lead = new Int32Array(rows).fill(-1);
  let anyShared = false;
  for (let p = 0; p < m;) {
    const key = sorted.keys[p]!;
    let q = p + 1;
    while (q < m && sorted.keys[q] === key) q++;
    if (q - p > 1 && markRun(store, sorted.order, p, q, lead)) anyShared = true;
    p = q;
  }
  const firstRow = new Int32Array(rows + 1);
  const shared = new Uint8Array(rows + 1);
  let groups = 0;
  for (let r = 0; r < rows; r++) {
    if (groupOf[r]! < 0) continue;
    const first = lead[r]!;
    if (first < 0 || first === r) {
      firstRow[groups] = r;
      groupOf[r] = groups++;
    } else {
      const g = groupOf[first]!;
      groupOf[r] = g;
      shared[g] = 1;
    }
  }
  return { groupOf, groups, firstRow, shared, anyShared };
}

function markDamage(type: Uint8Array, base: number, n: number, groupOf: Int32Array): void {
  for (let i = 0; i < n; i++) if (type[i] === TYPE_DAMAGE) groupOf[base + i] = -1;
}

/**
 * Rows order[p, q) share the first lane, in row order: those that also share the second are
 * one group, led by its first row. Returns whether any group here has more than one row.
 */
function markRun(store: RowStore, order: Int32Array, p: number, q: number, lead: Int32Array): boolean {
  let any = false;
  if (q - p <= PAIRWISE_MAX) {
    for (let u = p; u < q; u++) {
      const x = order[u]!;
      if (lead[x]! >= 0) continue;
      lead[x] = x;
      const hi = store.txHi(x);
      for (let v = u + 1; v < q; v++) {
        const y = order[v]!;
        if (lead[y]! < 0 && store.txHi(y) === hi) {
          lead[y] = x;
          any = true;
        }
      }
    }
    return any;
  }
  // Many rows on one lane (one long transaction, or colliding lanes): by the other lane, then row.
  const run = Array.from(order.subarray(p, q)).sort((a, b) => store.txHi(a) - store.txHi(b) || a - b);
  for (let u = 0; u < run.length;) {
    const x = run[u]!;
    const hi = store.txHi(x);
    let v = u + 1;
    for (; v < run.length && store.txHi(run[v]!) === hi; v++) lead[run[v]!] = x;
    if (v - u > 1) {
      lead[x] = x;
      any = true;
    }
    u = v;
  }
  return any;
}
