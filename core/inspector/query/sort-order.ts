import type { SortKey } from '../../contract/contract-types.js';
import type { RowStore } from '../index/row-store.js';
import { orderByKeys } from './radix-order.js';

/**
 * Keeps what a sort builds for the next one on the same rows (a session's QueryCache for
 * the store's version): the ascending orders a descending sort is derived from, and the ids'
 * ranks both id columns use. Without one, nothing is kept.
 */
export type SortMemo = <T>(name: string, make: () => T) => T;

const noMemo: SortMemo = (_name, make) => make();

/**
 * The order of every row for a sort key, ties in file order (both directions), or null
 * when the order is file order itself (key 'file', or times already ascending). A descending
 * order is the ascending one read backwards a run of equal keys at a time (each run forwards,
 * so ties stay in file order), not a second sort.
 */
export function sortOrder(store: RowStore, key: SortKey, desc: boolean, memo: SortMemo = noMemo): Uint32Array | null {
  const rows = store.rows;
  if (key === 'file') return desc ? reversed(rows) : null;
  const column = () => columnKeys(store, key, memo);
  const asc = memo(`sort-asc:${key}`, () => {
    const c = column();
    return c.ascending ? null : orderByKeys(c.keys, false);
  });
  if (!desc) return asc;
  const c = column();
  // Without ties, descending is file order reversed.
  if (c.strictly) return reversed(rows);
  return descendingFrom(asc, c.keys, rows);
}

interface ColumnKeys {
  readonly keys: Uint8Array | Uint32Array | Int32Array | Float64Array;
  /** Keys never fall in file order (the order is file order itself). */
  readonly ascending: boolean;
  /** Keys strictly rise in file order (descending is file order reversed). */
  readonly strictly: boolean;
}

/** Each row's key for a column, one linear pass (id columns: the id's rank). */
function columnKeys(store: RowStore, key: Exclude<SortKey, 'file'>, memo: SortMemo): ColumnKeys {
  const rows = store.rows;
  switch (key) {
    case 'type': {
      const keys = new Uint8Array(rows);
      store.forEachChunk((c, base, n) => keys.set(c.type.subarray(0, n), base));
      return { keys, ascending: false, strictly: false };
    }
    case 'collection':
    case 'document':
      return { keys: byIdRank(store, key, memo('sort-id-ranks', () => idRanks(store))), ascending: false, strictly: false };
    case 'size': {
      const keys = new Uint32Array(rows);
      store.forEachChunk((c, base, n) => keys.set(c.length.subarray(0, n), base));
      return { keys, ascending: false, strictly: false };
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
      return { keys, ascending, strictly };
    }
  }
}

/**
 * The descending order from the ascending one (null: file order): runs of equal keys taken
 * from the end, each forwards. NaN (no key) is one run, first ascending, so last here.
 */
export function descendingFrom(asc: ArrayLike<number> | null, keys: ArrayLike<number>, rows: number): Uint32Array {
  if (asc) {
    const byCounts = runsByCounts(asc, keys, rows);
    if (byCounts) return byCounts;
  }
  const out = new Uint32Array(rows);
  let at = 0;
  let end = rows;
  if (asc) {
    while (end > 0) {
      const k = keys[asc[end - 1]!]!;
      let start = end - 1;
      if (k === k) while (start > 0 && keys[asc[start - 1]!] === k) start--;
      else while (start > 0 && keys[asc[start - 1]!] !== keys[asc[start - 1]!]) start--;
      for (let j = start; j < end; j++) out[at++] = asc[j]!;
      end = start;
    }
    return out;
  }
  while (end > 0) {
    const k = keys[end - 1]!;
    let start = end - 1;
    if (k === k) while (start > 0 && keys[start - 1] === k) start--;
    else while (start > 0 && keys[start - 1] !== keys[start - 1]) start--;
    for (let j = start; j < end; j++) out[at++] = j;
    end = start;
  }
  return out;
}

const COUNTED_RANGE = 1 << 20;

/**
 * descendingFrom for integer keys of a narrow range (types, sizes, id ranks): a histogram (one
 * sequential pass) gives each run's length, so the runs are copied whole from the ascending
 * order, highest key first, without reading a key per row in that order (random reads that
 * cost more than a sort on wide id columns). Null when the keys are not such integers.
 */
function runsByCounts(asc: ArrayLike<number>, keys: ArrayLike<number>, rows: number): Uint32Array | null {
  let min = Infinity;
  let max = -Infinity;
  let none = 0;
  for (let i = 0; i < rows; i++) {
    const k = keys[i]!;
    if (k !== k) none++;
    else {
      if (k < min) min = k;
      if (k > max) max = k;
    }
  }
  if (none === rows) return Uint32Array.from(asc);
  const range = max - min;
  if (!(range < COUNTED_RANGE) || !Number.isInteger(min) || !Number.isInteger(max)) return null;
  const counts = new Uint32Array(range + 1);
  for (let i = 0; i < rows; i++) {
    const k = keys[i]!;
    if (k !== k) continue;
    const d = k - min;
    if ((d | 0) !== d) return null;
    counts[d]!++;
  }
  const out = new Uint32Array(rows);
  const from = asc instanceof Uint32Array ? asc : Uint32Array.from(asc);
  // Ascending: no-key rows first, then key min's run, min+1's, ...; so key max's run ends at rows.
  let end = rows;
  let at = 0;
  for (let d = range; d >= 0; d--) {
    const c = counts[d]!;
    if (c === 0) continue;
    out.set(from.subarray(end - c, end), at);
    at += c;
    end -= c;
  }
  out.set(from.subarray(0, none), at);
  return out;
}

function reversed(rows: number): Uint32Array {
  const out = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) out[i] = rows - 1 - i;
  return out;
}

/** Each row's rank of its id in an id column (no id — damage — first: 0). */
function byIdRank(store: RowStore, column: 'collection' | 'document', rank: Int32Array): Int32Array {
  const keys = new Int32Array(store.rows);
  store.forEachChunk((c, base, n) => {
    const ids = c[column];
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      keys[base + i] = id < 0 ? 0 : rank[id]! + 1;
    }
  });
  return keys;
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
