import type { SortKey } from '../../contract/contract-types.js';
import type { RowStore } from '../index/row-store.js';
import { orderByKeys } from './radix-order.js';

/**
 * The order of every row for a sort key, ties in file order (both directions), or null
 * when the order is file order itself (key 'file', or times already ascending).
 */
export function sortOrder(store: RowStore, key: SortKey, desc: boolean): Uint32Array | null {
  const rows = store.rows;
  switch (key) {
    case 'file':
      return desc ? reversed(rows) : null;
    case 'type': {
      const keys = new Uint8Array(rows);
      store.forEachChunk((c, base, n) => keys.set(c.type.subarray(0, n), base));
      return orderByKeys(keys, desc);
    }
    case 'collection':
      return byIdRank(store, 'collection', desc);
    case 'document':
      return byIdRank(store, 'document', desc);
    case 'size': {
      const keys = new Uint32Array(rows);
      store.forEachChunk((c, base, n) => keys.set(c.length.subarray(0, n), base));
      return orderByKeys(keys, desc);
    }
    case 'time': {
      const keys = new Float64Array(rows);
      let ascending = true;
      let strictly = true;
      let prev = -Infinity;
      store.forEachChunk((c, base, n) => {
        for (let i = 0; i < n; i++) {
          const t = c.time[i]!;
          const k = Number.isNaN(t) ? -Infinity : t;
          keys[base + i] = t; // NaN (a damage row before any entry): no key, first ascending
          if (k <= prev) {
            strictly = false;
            if (k < prev) ascending = false;
          }
          prev = k;
        }
      });
      if (ascending && !desc) return null;
      // Without ties, descending is file order reversed.
      if (strictly && desc) return reversed(rows);
      return orderByKeys(keys, desc);
    }
  }
}

function reversed(rows: number): Uint32Array {
  const out = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) out[i] = rows - 1 - i;
  return out;
}

/** Sorts rows by an id column, ids ranked by their bytes (no id — damage — first). */
function byIdRank(store: RowStore, column: 'collection' | 'document', desc: boolean): Uint32Array {
  const rows = store.rows;
  const rank = idRanks(store);
  const keys = new Int32Array(rows);
  store.forEachChunk((c, base, n) => {
    const ids = c[column];
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      keys[base + i] = id < 0 ? 0 : rank[id]! + 1;
    }
  });
  return orderByKeys(keys, desc);
}

/**
 * Each interned id's rank in byte order. Ids are compared as latin1 strings (one char per
 * byte, so string order is byte order), sorted natively rather than by a comparator.
 */
function idRanks(store: RowStore): Int32Array {
  const ids = store.ids;
  const n = ids.count;
  const texts: string[] = new Array(n);
  for (let id = 0; id < n; id++) texts[id] = latin1(ids.bytes(id));
  const byText = new Map<string, number>();
  for (let id = 0; id < n; id++) byText.set(texts[id]!, id);
  texts.sort();
  const rank = new Int32Array(n);
  let r = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0 && texts[k] === texts[k - 1]) continue;
    rank[byText.get(texts[k]!)!] = r++;
  }
  return rank;
}

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');
}
