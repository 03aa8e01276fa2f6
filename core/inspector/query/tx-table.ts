import type { TransactionStatus } from '../../contract/contract-types.js';
import type { RowChunk } from '../index/index-layout.js';
import type { RowStore } from '../index/row-store.js';
import type { TxGroups } from './tx-groups.js';

const BEGIN = 0;
const COMMIT = 4;
const ROLLBACK = 5;
/** Status codes of TxTable.status, in this order. */
export const TX_STATUSES: readonly TransactionStatus[] = ['committed', 'rolled-back', 'incomplete', 'single-entry'];

/**
 * Every transaction of a session as columns, built in two passes over the rows: what the
 * Transactions view sorts, filters and pages without touching the rows again. Transactions are
 * numbered in order of first appearance (`t`); `rowsOf` lists each one's rows (CSR).
 */
export interface TxTable {
  readonly count: number;
  readonly first: Int32Array;
  readonly last: Int32Array;
  readonly entries: Int32Array;
  /** Insert/Update/Delete entries. */
  readonly ops: Int32Array;
  /** Encoded bytes of its entries. */
  readonly bytes: Float64Array;
  /** Index into TX_STATUSES. */
  readonly status: Uint8Array;
  readonly hasBegin: Uint8Array;
  /** Rows of transaction t: rowsOf[rowStart[t] .. rowStart[t + 1]). */
  readonly rowStart: Int32Array;
  readonly rowsOf: Int32Array;
}

/**
 * With a Begin, the first Commit or Rollback after the first Begin decides a transaction's fate
 * (none: incomplete); without one, an id used once is a single-entry transaction, one used more
 * often is incomplete (FORMAT.md "Recovery").
 */
export async function buildTxTable(store: RowStore, { groupOf, groups }: TxGroups, pause?: () => Promise<void>): Promise<TxTable> {
  const rows = groupOf.length;
  // Groups are numbered by first appearance except ids split off by a hash collision: renumber.
  const number = new Int32Array(groups).fill(-1);
  const first = new Int32Array(groups);
  const last = new Int32Array(groups);
  const entries = new Int32Array(groups);
  const ops = new Int32Array(groups);
  const bytes = new Float64Array(groups);
  const beginRow = new Int32Array(groups).fill(-1);
  const end = new Uint8Array(groups);
  const txOf = new Int32Array(rows);
  let count = 0;
  const chunks: { c: RowChunk; base: number; n: number }[] = [];
  store.forEachChunk((c, base, n) => chunks.push({ c, base, n }), rows);
  for (const { c, base, n } of chunks) {
    if (pause && (base & 0x7ffff) === 0x70000) await pause();
    const types = c.type;
    const lengths = c.length;
    for (let i = 0; i < n; i++) {
      const r = base + i;
      const g = groupOf[r]!;
      if (g < 0) {
        txOf[r] = -1;
        continue;
      }
      let t = number[g]!;
      if (t < 0) {
        t = number[g] = count++;
        first[t] = r;
      }
      txOf[r] = t;
      const type = types[i]!;
      entries[t]!++;
      last[t] = r;
      bytes[t]! += lengths[i]!;
      if (type >= 1 && type <= 3) ops[t]!++;
      else if (type === BEGIN) {
        if (beginRow[t] === -1) beginRow[t] = r;
      } else if ((type === COMMIT || type === ROLLBACK) && beginRow[t]! >= 0 && end[t] === 0) end[t] = type;
    }
  }
  const status = new Uint8Array(count);
  const hasBegin = new Uint8Array(count);
  const rowStart = new Int32Array(count + 1);
  for (let t = 0; t < count; t++) {
    const begun = beginRow[t]! >= 0;
    hasBegin[t] = begun ? 1 : 0;
    status[t] = begun ? (end[t] === COMMIT ? 0 : end[t] === ROLLBACK ? 1 : 2) : entries[t] === 1 ? 3 : 2;
    rowStart[t + 1] = rowStart[t]! + entries[t]!;
  }
  const fill = rowStart.slice(0, count);
  const rowsOf = new Int32Array(rowStart[count]!);
  for (let r = 0; r < rows; r++) {
    const t = txOf[r]!;
    if (t >= 0) rowsOf[fill[t]!++] = r;
  }
  return {
    count, first: first.subarray(0, count), last: last.subarray(0, count), entries: entries.subarray(0, count),
    ops: ops.subarray(0, count), bytes: bytes.subarray(0, count), status, hasBegin, rowStart, rowsOf,
  };
}
