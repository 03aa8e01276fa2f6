import { hashHi, hashId, hashLo } from '../../wal/id-hash.js';
import type { RowStore } from '../index/row-store.js';
import type { TxGroups } from './tx-groups.js';
import type { TxTable } from './tx-table.js';

const BEGIN = 0;
const COMMIT = 4;
const ROLLBACK = 5;
const encoder = new TextEncoder();

/** The damaged transactions of a grouping (see damagedTransactions). */
export interface DamagedTransactions {
  /** Per group: 1 when damaged. */
  readonly damaged: Uint8Array;
  readonly count: number;
  /** Transaction ids read from damaged ranges that match no group: transactions lost whole (unverified). */
  readonly lostWhole: readonly string[];
  /** For each damaged group: the damage rows that touch it. */
  readonly rowsOf: ReadonlyMap<number, readonly number[]>;
}

/** Where each group lies: its first row (whose id hash is the group's), its Begin and the row that ends it. */
interface GroupSpans {
  readonly count: number;
  readonly first: ArrayLike<number>;
  /** -1 without a Begin. */
  readonly begin: ArrayLike<number>;
  /** The first Commit / Rollback after the Begin, else the group's last row. */
  readonly end: ArrayLike<number>;
}

const key = (lo: number, hi: number) => lo * 4294967296 + hi;

function spansOfGroups(store: RowStore, { groupOf, groups }: TxGroups): GroupSpans {
  const first = new Int32Array(groups).fill(-1);
  const begin = new Int32Array(groups).fill(-1);
  const end = new Int32Array(groups).fill(-1);
  const last = new Int32Array(groups);
  for (let r = 0; r < groupOf.length; r++) {
    const g = groupOf[r]!;
    if (g < 0) continue;
    if (first[g]! < 0) first[g] = r;
    last[g] = r;
    const type = store.type(r);
    if (type === BEGIN && begin[g]! < 0) begin[g] = r;
    else if ((type === COMMIT || type === ROLLBACK) && begin[g]! >= 0 && end[g]! < 0) end[g] = r;
  }
  for (let g = 0; g < groups; g++) if (end[g]! < 0) end[g] = last[g]!;
  return { count: groups, first, begin, end };
}

function spansOfTable(store: RowStore, x: TxTable): GroupSpans {
  const begin = new Int32Array(x.count).fill(-1);
  const end = new Int32Array(x.count);
  for (let t = 0; t < x.count; t++) {
    end[t] = x.last[t]!;
    if (!x.hasBegin[t]) continue;
    for (let k = x.rowStart[t]!; k < x.rowStart[t + 1]!; k++) {
      const r = x.rowsOf[k]!;
      const type = store.type(r);
      if (type === BEGIN && begin[t]! < 0) begin[t] = r;
      else if ((type === COMMIT || type === ROLLBACK) && begin[t]! >= 0) {
        end[t] = r;
        break;
      }
    }
  }
  return { count: x.count, first: x.first, begin, end };
}

function mark(store: RowStore, rows: number, spans: () => GroupSpans, groups: number): DamagedTransactions {
  const damageRows = store.damageRows.filter((r) => r < rows);
  const damaged = new Uint8Array(groups);
  const rowsOf = new Map<number, number[]>();
  if (damageRows.length === 0) return { damaged, count: 0, lostWhole: [], rowsOf };
  const wanted = new Map<number, { id: string; rows: number[] }>();
  const unknown: number[] = [];
  for (const r of damageRows) {
    const id = store.damageInfo(r)?.analysis?.unverified?.transaction_id;
    if (id === undefined) {
      unknown.push(r);
      continue;
    }
    // The index keeps the hash of the id's bytes without trailing NULs: the text's UTF-8.
    const bytes = encoder.encode(id);
    hashId(bytes, 0, bytes.length);
    const k = key(hashLo(), hashHi());
    const w = wanted.get(k);
    if (w) w.rows.push(r);
    else wanted.set(k, { id, rows: [r] });
  }
  const add = (g: number, r: number) => {
    damaged[g] = 1;
    const list = rowsOf.get(g);
    if (!list) rowsOf.set(g, [r]);
    else if (!list.includes(r)) list.push(r);
  };
  const s = spans();
  const matched = new Set<number>();
  for (let g = 0; g < s.count; g++) {
    const f = s.first[g]!;
    if (f >= 0 && wanted.size > 0) {
      const k = key(store.txLo(f), store.txHi(f));
      const w = wanted.get(k);
      if (w) {
        matched.add(k);
        for (const d of w.rows) add(g, d);
      }
    }
    const from = s.begin[g]!;
    if (from < 0 || unknown.length === 0) continue;
    const to = s.end[g]!;
    let lo = 0;
    let hi = unknown.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (unknown[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < unknown.length && unknown[k]! < to; k++) add(g, unknown[k]!);
  }
  let count = 0;
  for (let g = 0; g < groups; g++) count += damaged[g]!;
  const lostWhole = [...wanted.entries()].filter(([k]) => !matched.has(k)).map(([, w]) => w.id);
  return { damaged, count, lostWhole, rowsOf };
}

/**
 * The damaged transactions of a grouping. A transaction is damaged when a damaged range's
 * unverified fields carry its id (matched by the hash the index keeps), or when a range whose
 * fields do not decode lies between its Begin and the Commit / Rollback that ends it (its last
 * row when none does): that range may have held one of its entries. A log without damage
 * costs nothing; with damage, one pass over the rows.
 */
export function damagedTransactions(store: RowStore, groups: TxGroups): DamagedTransactions {
  return mark(store, groups.groupOf.length, () => spansOfGroups(store, groups), groups.groups);
}

/** damagedTransactions over the Transactions view's table (numbered as the table is). */
export function damagedInTable(store: RowStore, x: TxTable, rows: number): DamagedTransactions {
  return mark(store, rows, () => spansOfTable(store, x), x.count);
}
