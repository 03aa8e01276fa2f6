import type { TransactionItem, TransactionList, TransactionStatus } from '../../contract/contract-types.js';
import { TYPE_DAMAGE } from '../index/index-layout.js';
import type { RowStore } from '../index/row-store.js';
import type { Session } from '../session.js';
import { NO_TX, readTxBytes, txTexts, type TxText } from './tx-ids.js';

const BEGIN = 0;
const COMMIT = 4;
const ROLLBACK = 5;
const STATUSES: readonly TransactionStatus[] = ['committed', 'rolled-back', 'incomplete', 'single-entry'];

interface Groups {
  /** Groups in order of first appearance. */
  readonly order: Int32Array;
  readonly status: Uint8Array;
  readonly count: Int32Array;
  readonly first: Int32Array;
  readonly last: Int32Array;
  readonly ops: Int32Array;
  readonly hasBegin: Uint8Array;
  /** Rows grouped (CSR): rows of group g are rowsByTx[start[g] .. start[g] + count[g]). */
  readonly start: Int32Array;
  readonly rowsByTx: Int32Array;
}

/**
 * Each entry row's transaction group: rows whose id hashes agree share a group, then groups of
 * more than one row are confirmed by the ids' bytes (rows with other bytes — a hash collision —
 * get groups of their own). -1 for damage rows. Returns the group of every row and the count.
 */
interface RowGroups {
  readonly groupOf: Int32Array;
  readonly groups: number;
}

async function groupOfRows(session: Session, rows: number): Promise<RowGroups> {
  const store = session.store;
  const groupOf = new Int32Array(rows).fill(-1);
  let cap = 1024;
  while (cap < rows * 2) cap *= 2;
  const mask = cap - 1;
  /** Open addressing: group + 1 per slot (0 = empty); the group's hash is in groupLo/groupHi. */
  const table = new Int32Array(cap);
  const groupLo = new Int32Array(rows + 1);
  const groupHi = new Int32Array(rows + 1);
  const sizes = new Int32Array(rows + 1);
  let groups = 0;
  store.forEachChunk((c, base, n) => {
    const type = c.type;
    const los = c.txLo;
    const his = c.txHi;
    for (let i = 0; i < n; i++) {
      if (type[i] === TYPE_DAMAGE) continue;
      const lo = los[i]! | 0;
      const hi = his[i]! | 0;
      let slot = lo & mask;
      let g: number;
      for (;;) {
        const sg = table[slot]!;
        if (sg === 0) {
          g = groups++;
          groupLo[g] = lo;
          groupHi[g] = hi;
          table[slot] = g + 1;
          break;
        }
        if (groupLo[sg - 1] === lo && groupHi[sg - 1] === hi) {
          g = sg - 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
      groupOf[base + i] = g;
      sizes[g]!++;
    }
  }, rows);
  // Confirm shared hashes by the bytes: every member of a group against its first row's id.
  const shared: number[] = [];
  for (let r = 0; r < rows; r++) {
    const g = groupOf[r]!;
    if (g >= 0 && sizes[g]! > 1) shared.push(r);
  }
  if (shared.length === 0) return { groupOf, groups };
  const firstBytes = new Map<number, Uint8Array>();
  /** Per provisional group whose members differ: its ids (latin1) → the group they get. */
  const splits = new Map<number, Map<string, number>>();
  await readTxBytes(session, shared, (row, bytes) => {
    const g = groupOf[row]!;
    const ref = firstBytes.get(g);
    if (!ref) {
      firstBytes.set(g, bytes.slice());
      return;
    }
    if (sameBytes(ref, bytes)) return;
    let split = splits.get(g);
    if (!split) {
      split = new Map([[latin1(ref), g]]);
      splits.set(g, split);
    }
    const key = latin1(bytes);
    let to = split.get(key);
    if (to === undefined) {
      to = groups++;
      split.set(key, to);
    }
    groupOf[row] = to;
  });
  return { groupOf, groups };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');
}

/**
 * Groups entries by transaction id (FORMAT.md "Recovery"): with a Begin, the first Commit or
 * Rollback after the first Begin decides its fate (none: incomplete); without one, an id used
 * once is a single-entry transaction, one used more often is incomplete.
 */
function group(store: RowStore, rows: number, { groupOf, groups: ids }: RowGroups): Groups {
  const count = new Int32Array(ids);
  const first = new Int32Array(ids).fill(-1);
  const last = new Int32Array(ids);
  const ops = new Int32Array(ids);
  const beginRow = new Int32Array(ids).fill(-1);
  const end = new Uint8Array(ids);
  const order = new Int32Array(ids);
  let groups = 0;
  store.forEachChunk((c, base, n) => {
    for (let i = 0; i < n; i++) {
      const r = base + i;
      const tx = groupOf[r]!;
      if (tx < 0) continue;
      const type = c.type[i]!;
      if (first[tx] === -1) {
        first[tx] = r;
        order[groups++] = tx;
      }
      count[tx]!++;
      last[tx] = r;
      if (type >= 1 && type <= 3) ops[tx]!++;
      if (type === BEGIN && beginRow[tx] === -1) beginRow[tx] = r;
      else if ((type === COMMIT || type === ROLLBACK) && beginRow[tx]! >= 0 && end[tx] === 0) end[tx] = type;
    }
  }, rows);
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
  for (let r = 0; r < rows; r++) {
    const tx = groupOf[r]!;
    if (tx >= 0) rowsByTx[start[tx]! + fill[tx]!++] = r;
  }
  return { order, status, count, first, last, ops, hasBegin, start, rowsByTx };
}

/** Each row's transaction group, for the rows as they are when this resolves (cached per store version). */
async function rowGroups(session: Session): Promise<RowGroups> {
  const store = session.store;
  for (;;) {
    const version = store.version;
    const cached = session.cache.peek<RowGroups>(version, 'tx-rows');
    if (cached) return cached;
    const g = await groupOfRows(session, store.rows);
    if (store.version !== version) continue;
    session.cache.set(version, 'tx-rows', g);
    return g;
  }
}

/** The transaction groups of the rows as they are when this resolves (cached per store version). */
async function txGroups(session: Session): Promise<Groups> {
  const store = session.store;
  const rows = await rowGroups(session);
  // Nothing awaits from here on: `rows` are this version's.
  return session.cache.get(store.version, 'tx-groups', () => group(store, rows.groupOf.length, rows));
}

/** Each row's transaction group, of the store's current version (stats.get counts over them). */
export async function transactionRowGroups(session: Session): Promise<RowGroups> {
  return rowGroups(session);
}

function item(store: RowStore, g: Groups, tx: number, text: TxText): TransactionItem {
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
    transaction_id: text.text, status: STATUSES[g.status[tx]!]!, has_begin: g.hasBegin[tx] === 1, entries: g.count[tx]!,
    operations: g.ops[tx]!, documents: docs.size, first_row: firstRow, last_row: lastRow,
    first_time: store.time(firstRow), last_time: store.time(lastRow), segments: [...segs].sort((a, b) => a - b),
  };
}

/** transactions.list: groups with their status, in order of first appearance, paged. */
export async function transactions(session: Session, offset: number, limit: number, statuses?: readonly TransactionStatus[]): Promise<TransactionList> {
  const store = session.store;
  const g = await txGroups(session);
  const wanted = new Set(statuses ?? ['committed', 'rolled-back', 'incomplete']);
  const counts = { committed: 0, 'rolled-back': 0, incomplete: 0, 'single-entry': 0 };
  const matching: number[] = [];
  for (let i = 0; i < g.order.length; i++) {
    const tx = g.order[i]!;
    const st = STATUSES[g.status[tx]!]!;
    counts[st]++;
    if (wanted.has(st)) matching.push(tx);
  }
  const page = matching.slice(offset, offset + limit);
  const texts = await txTexts(session, page.map((tx) => g.first[tx]!));
  // Nothing awaits from here on, but the groups are of the version they were built for.
  const items = page.map((tx) => item(store, g, tx, texts.get(g.first[tx]!) ?? NO_TX));
  return { items, total: matching.length, counts, complete: session.indexer.complete };
}
