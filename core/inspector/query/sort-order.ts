import type { SortKey } from '../../contract/contract-types.js';
import type { RowStore } from '../index/row-store.js';
import { TYPE_DAMAGE } from '../index/index-layout.js';

/**
 * The order of every row for a sort key, ties in file order (both directions), or null
 * when the order is file order itself (key 'file', or times already ascending).
 */
export function sortOrder(store: RowStore, key: SortKey, desc: boolean): Uint32Array | null {
  const rows = store.rows;
  switch (key) {
    case 'file':
      return desc ? reversed(rows) : null;
    case 'type':
      return countingSort(rows, TYPE_DAMAGE + 1, (row) => store.type(row), desc);
    case 'collection':
      return byIdRank(store, (row) => store.collection(row), desc);
    case 'document':
      return byIdRank(store, (row) => store.document(row), desc);
    case 'size': {
      const keys = new Float64Array(rows);
      store.forEachChunk((c, base, n) => { for (let i = 0; i < n; i++) keys[base + i] = c.length[i]!; });
      return byKeys(keys, desc);
    }
    case 'time': {
      const keys = new Float64Array(rows);
      let ascending = true;
      let prev = -Infinity;
      store.forEachChunk((c, base, n) => {
        for (let i = 0; i < n; i++) {
          const t = c.time[i]!;
          const k = Number.isNaN(t) ? -Infinity : t;
          keys[base + i] = k;
          if (k < prev) ascending = false;
          prev = k;
        }
      });
      if (ascending && !desc) return null;
      return byKeys(keys, desc);
    }
  }
}

function reversed(rows: number): Uint32Array {
  const out = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) out[i] = rows - 1 - i;
  return out;
}

function byKeys(keys: Float64Array, desc: boolean): Uint32Array {
  const perm = new Uint32Array(keys.length);
  for (let i = 0; i < perm.length; i++) perm[i] = i;
  if (desc) perm.sort((a, b) => keys[b]! - keys[a]! || a - b);
  else perm.sort((a, b) => keys[a]! - keys[b]! || a - b);
  return perm;
}

/** Stable counting sort by small integer keys 0..k-1 (desc: high keys first, ties still in file order). */
function countingSort(rows: number, k: number, keyOf: (row: number) => number, desc: boolean): Uint32Array {
  const keys = new Int32Array(rows);
  const counts = new Uint32Array(k + 1);
  for (let r = 0; r < rows; r++) {
    const key = desc ? k - 1 - keyOf(r) : keyOf(r);
    keys[r] = key;
    counts[key + 1]!++;
  }
  for (let i = 1; i <= k; i++) counts[i]! += counts[i - 1]!;
  const out = new Uint32Array(rows);
  for (let r = 0; r < rows; r++) out[counts[keys[r]!]!++] = r;
  return out;
}

/** Sorts rows by an id column, ids ranked by their bytes (no id — damage — first). */
function byIdRank(store: RowStore, idOf: (row: number) => number, desc: boolean): Uint32Array {
  const rows = store.rows;
  const used = new Uint8Array(store.ids.count);
  for (let r = 0; r < rows; r++) {
    const id = idOf(r);
    if (id >= 0) used[id] = 1;
  }
  const distinct: number[] = [];
  for (let id = 0; id < used.length; id++) if (used[id]) distinct.push(id);
  distinct.sort((a, b) => store.ids.compare(a, b));
  const rank = new Int32Array(store.ids.count);
  distinct.forEach((id, i) => { rank[id] = i + 1; });
  return countingSort(rows, distinct.length + 1, (row) => {
    const id = idOf(row);
    return id < 0 ? 0 : rank[id]!;
  }, desc);
}
