import { WHERE_TX_STATUSES } from '../../../contract/contract-query.js';
import { TYPE_DAMAGE } from '../../index/index-layout.js';
import type { RowStore } from '../../index/row-store.js';

const BEGIN = 0;
const COMMIT = 4;
const ROLLBACK = 5;

/**
 * Each transaction group's status under the query language's names, as transactions.list
 * decides it: a Begin, then the first Commit or Rollback after it; a Begin without one is
 * unterminated; without a Begin, one entry is standalone and several are unterminated.
 * Returns an index into WHERE_TX_STATUSES per group.
 */
export function statusOfGroups(store: RowStore, groupOf: Int32Array, groups: number): Uint8Array {
  const begun = new Uint8Array(groups);
  const ended = new Uint8Array(groups); // 0 none, 1 committed, 2 rolled back
  const count = new Uint32Array(groups);
  const rows = Math.min(groupOf.length, store.rows);
  for (let r = 0; r < rows; r++) {
    const g = groupOf[r]!;
    if (g < 0) continue;
    count[g]!++;
    const t = store.type(r);
    if (t === TYPE_DAMAGE) continue;
    if (t === BEGIN) begun[g] = 1;
    else if (begun[g] && ended[g] === 0 && (t === COMMIT || t === ROLLBACK)) ended[g] = t === COMMIT ? 1 : 2;
  }
  const out = new Uint8Array(groups);
  for (let g = 0; g < groups; g++) {
    out[g] = begun[g] ? (ended[g] === 1 ? 0 : ended[g] === 2 ? 1 : 2) : count[g] === 1 ? 3 : 2;
  }
  return out;
}

export const STATUS_NAMES: readonly string[] = WHERE_TX_STATUSES;

/** Each row's transaction status name ("" for damage rows) from its group. */
export function statusLookup(store: RowStore, groupOf: Int32Array): (row: number) => string {
  let n = 0;
  for (let r = 0; r < groupOf.length; r++) if (groupOf[r]! >= n) n = groupOf[r]! + 1;
  const st = statusOfGroups(store, groupOf, n);
  return (row) => {
    const g = row < groupOf.length ? groupOf[row]! : -1;
    return g < 0 ? '' : STATUS_NAMES[st[g]!]!;
  };
}
