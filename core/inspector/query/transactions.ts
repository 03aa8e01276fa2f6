import type { TransactionItem, TransactionList, TransactionStatus } from '../contract-types.js';
import { TYPE_DAMAGE } from '../index/index-layout.js';
import type { RowStore } from '../index/row-store.js';
import type { Session } from '../session.js';

const BEGIN = 0;
const COMMIT = 4;
const ROLLBACK = 5;
const STATUSES: readonly TransactionStatus[] = ['committed', 'rolled-back', 'incomplete', 'single-entry'];

interface Groups {
  /** Transaction ids in order of first appearance. */
  readonly order: Int32Array;
  readonly status: Uint8Array;
  readonly count: Int32Array;
  readonly first: Int32Array;
  readonly last: Int32Array;
  readonly ops: Int32Array;
  readonly hasBegin: Uint8Array;
  /** Rows grouped by transaction (CSR): rows of id t are rowsByTx[start[t] .. start[t] + count[t]). */
  readonly start: Int32Array;
  readonly rowsByTx: Int32Array;
}

/**
 * Groups entries by transaction id (FORMAT.md "Recovery"): with a Begin, the first Commit or
 * Rollback after the first Begin decides its fate (none: incomplete); without one, an id used
 * once is a single-entry transaction, one used more often is incomplete.
 */
function group(store: RowStore): Groups {
  const ids = store.ids.count;
  const count = new Int32Array(ids);
  const first = new Int32Array(ids).fill(-1);
  const last = new Int32Array(ids);
  const ops = new Int32Array(ids);
  const beginRow = new Int32Array(ids).fill(-1);
  const end = new Uint8Array(ids);
  const order: number[] = [];
  for (let r = 0; r < store.rows; r++) {
    const type = store.type(r);
    if (type === TYPE_DAMAGE) continue;
    const tx = store.transaction(r);
    if (first[tx] === -1) {
      first[tx] = r;
      order.push(tx);
    }
    count[tx]!++;
    last[tx] = r;
    if (type >= 1 && type <= 3) ops[tx]!++;
    if (type === BEGIN && beginRow[tx] === -1) beginRow[tx] = r;
    else if ((type === COMMIT || type === ROLLBACK) && beginRow[tx]! >= 0 && end[tx] === 0) end[tx] = type;
  }
  const status = new Uint8Array(ids);
  const hasBegin = new Uint8Array(ids);
  for (const tx of order) {
    hasBegin[tx] = beginRow[tx]! >= 0 ? 1 : 0;
    status[tx] = hasBegin[tx] ? (end[tx] === COMMIT ? 0 : end[tx] === ROLLBACK ? 1 : 2) : count[tx] === 1 ? 3 : 2;
  }
  const start = new Int32Array(ids);
  let acc = 0;
  for (const tx of order) {
    start[tx] = acc;
    acc += count[tx]!;
  }
  const fill = new Int32Array(ids);
  const rowsByTx = new Int32Array(acc);
  for (let r = 0; r < store.rows; r++) {
    if (store.type(r) === TYPE_DAMAGE) continue;
    const tx = store.transaction(r);
    rowsByTx[start[tx]! + fill[tx]!++] = r;
  }
  return { order: Int32Array.from(order), status, count, first, last, ops, hasBegin, start, rowsByTx };
}

function item(store: RowStore, g: Groups, tx: number): TransactionItem {
  const docs = new Set<number>();
  const segs = new Set<number>();
  const from = g.start[tx]!;
  for (let k = from; k < from + g.count[tx]!; k++) {
    const r = g.rowsByTx[k]!;
    if (store.type(r) >= 1 && store.type(r) <= 3) docs.add(store.document(r));
    segs.add(store.segment(r));
  }
  const firstRow = g.first[tx]!;
  const lastRow = g.last[tx]!;
  return {
    transaction_id: store.ids.text(tx), status: STATUSES[g.status[tx]!]!, has_begin: g.hasBegin[tx] === 1, entries: g.count[tx]!,
    operations: g.ops[tx]!, documents: docs.size, first_row: firstRow, last_row: lastRow,
    first_time: store.time(firstRow), last_time: store.time(lastRow), segments: [...segs].sort((a, b) => a - b),
  };
}

/** transactions.list: groups with their status, in order of first appearance, paged. */
export function transactions(session: Session, offset: number, limit: number, statuses?: readonly TransactionStatus[]): TransactionList {
  const store = session.store;
  const g = session.cache.get(store.version, 'tx-groups', () => group(store));
  const wanted = new Set(statuses ?? ['committed', 'rolled-back', 'incomplete']);
  const counts = { committed: 0, 'rolled-back': 0, incomplete: 0, 'single-entry': 0 };
  const matching: number[] = [];
  for (let i = 0; i < g.order.length; i++) {
    const tx = g.order[i]!;
    const st = STATUSES[g.status[tx]!]!;
    counts[st]++;
    if (wanted.has(st)) matching.push(tx);
  }
  const items = matching.slice(offset, offset + limit).map((tx) => item(store, g, tx));
  return { items, total: matching.length, counts, complete: session.indexer.complete };
}
