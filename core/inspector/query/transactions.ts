import type {
  TransactionItem, TransactionList, TransactionPage, TransactionSort, TransactionStatus,
} from '../../contract/contract-types.js';
import type { RowStore } from '../index/row-store.js';
import type { Session } from '../session.js';
import type { TxGroups } from './tx-groups.js';
import { NO_TX, txTexts, type TxText } from './tx-ids.js';
import { txOrder } from './tx-order.js';
import { txIdsWithPrefix } from './tx-id-pool.js';
import { TX_STATUSES, type TxTable } from './tx-table.js';
import { confirmState, derived, exactTable, txState, type TxState } from './tx-state.js';
import { damagedInTable, type DamagedTransactions } from './damaged-transactions.js';
import { whereMatches } from './where/where-matches.js';

/** Each row's exact transaction group, for the rows as they are when this resolves. */
export async function transactionRowGroups(session: Session): Promise<TxGroups> {
  for (;;) {
    const s = txState(session, true);
    const g = await confirmState(session, s);
    if (s.version === session.store.version) return g;
  }
}

/**
 * The transactions now: exact when their ids were compared by their bytes already, else
 * grouped by the ids' 64-bit hashes while the comparison runs in the background (once the log
 * is indexed) — the same groups unless two distinct ids' hashes collide.
 */
async function currentTable(session: Session, exact: boolean, confirm = true): Promise<{ s: TxState; table: TxTable; confirmed: boolean }> {
  const s = txState(session, exact);
  if (exact) await confirmState(session, s);
  if (s.exact) return { s, table: await exactTable(session, s, s.exact), confirmed: true };
  const table = await s.table;
  if (confirm && session.indexer.complete) void confirmState(session, s).catch(() => undefined);
  return { s, table, confirmed: false };
}

function item(store: RowStore, x: TxTable, t: number, text: TxText, damaged: DamagedTransactions): TransactionItem {
  const docs = new Set<number>();
  const segs = new Set<number>();
  for (let k = x.rowStart[t]!; k < x.rowStart[t + 1]!; k++) {
    const r = x.rowsOf[k]!;
    const type = store.type(r);
    if (type >= 1 && type <= 3) docs.add(store.document(r));
    segs.add(store.segment(r));
  }
  const firstRow = x.first[t]!;
  const lastRow = x.last[t]!;
  return {
    transaction_id: text.text, status: TX_STATUSES[x.status[t]!]!, has_begin: x.hasBegin[t] === 1, entries: x.entries[t]!,
    operations: x.ops[t]!, documents: docs.size, bytes: x.bytes[t]!, first_row: firstRow, last_row: lastRow,
    first_time: store.time(firstRow), last_time: store.time(lastRow), segments: [...segs].sort((a, b) => a - b),
    damaged: damaged.damaged[t] === 1,
  };
}

async function items(session: Session, x: TxTable, page: ArrayLike<number>, damaged: DamagedTransactions): Promise<TransactionItem[]> {
  const firsts = Array.from(page, (t) => x.first[t]!);
  const texts = await txTexts(session, firsts);
  // The table stays the version it was built for: its rows exist whatever was added since.
  return Array.from(page, (t) => item(session.store, x, t, texts.get(x.first[t]!) ?? NO_TX, damaged));
}

function emptyCounts(): Record<TransactionStatus, number> {
  return { committed: 0, 'rolled-back': 0, incomplete: 0, 'single-entry': 0 };
}

/** transactions.list: groups with their status, in order of first appearance, paged. */
export async function transactions(session: Session, offset: number, limit: number, statuses?: readonly TransactionStatus[], where?: string): Promise<TransactionList> {
  const page = await transactionsPage(session, { offset, limit, status: statuses ?? ['committed', 'rolled-back', 'incomplete'], where }, true);
  return { items: page.items, total: page.total, counts: page.counts, complete: page.complete };
}

export interface TransactionsPageArgs {
  readonly offset: number;
  readonly limit: number;
  readonly sort?: TransactionSort;
  /** Default: every status. */
  readonly status?: readonly TransactionStatus[];
  readonly id_prefix?: string;
  /** Only damaged transactions (an entry unverified or lost). */
  readonly damaged?: boolean;
  /** Only transactions with an entry this CEL expression matches (see RowFilter.where). */
  readonly where?: string;
}

/**
 * transactions.page: the transactions whose status is asked for and whose id starts with
 * `id_prefix`, in the order asked for (ties in order of first appearance), paged. Counts per
 * status are of the id-prefix matches, so the status toggles say what each would add.
 */
export async function transactionsPage(session: Session, a: TransactionsPageArgs, exact = false, confirm = true): Promise<TransactionPage> {
  const { s, table: x, confirmed } = await currentTable(session, exact, confirm);
  const prefix = a.id_prefix ? await txIdsWithPrefix(session, x, a.id_prefix) : null;
  const key = a.sort?.key ?? 'first';
  const desc = a.sort?.direction === 'desc';
  const wanted = new Set(a.status ?? TX_STATUSES);
  let mask = 0;
  TX_STATUSES.forEach((st, i) => { if (wanted.has(st)) mask |= 1 << i; });
  const damaged = derived(s, `damaged:${confirmed}`, () => damagedInTable(session.store, x, s.rows));
  const onlyDamaged = a.damaged === true;
  // Evaluated before the cached list is looked up: whereMatches keeps its own per-session result.
  const rowHits = a.where === undefined ? null : (await whereMatches(session, a.where)).bitmap;
  const whereKey = a.where === undefined ? '' : `:where:${a.where}`;
  const hits = rowHits && derived(s, `hits:${confirmed}${whereKey}`, () => txWithHit(x, rowHits));
  const listed = derived(s, `list:${confirmed}:${key}:${desc}:${mask}:${a.id_prefix ?? ''}:${onlyDamaged}${whereKey}`, () =>
    filtered(x, derived(s, `order:${confirmed}:${key}:${desc}`, () => txOrder(session.store, x, key, desc)), prefix, mask, onlyDamaged ? damaged.damaged : null, hits));
  const page = listed.list.subarray(a.offset, Math.min(listed.list.length, a.offset + a.limit));
  return {
    items: await items(session, x, page, damaged), total: listed.list.length, total_unfiltered: x.count, counts: listed.counts,
    damaged: damaged.count,
    offset: a.offset, complete: session.indexer.complete && s.version === session.store.version, ids_confirmed: confirmed,
  };
}

/** The Transactions view's first page (its default statuses and order), made ready for it; the ids' comparison waits for a call. */
export async function warmTransactionsPage(session: Session): Promise<void> {
  await transactionsPage(session, { offset: 0, limit: 1, status: ['committed', 'rolled-back', 'incomplete'], sort: { key: 'first', direction: 'asc' } }, false, false);
}

/** The transactions of `order` (null: first appearance) with a status in `mask`, among `prefix` (if given) and damaged (if `damaged` is given). */
function filtered(x: TxTable, order: Uint32Array | null, prefix: Int32Array | null, mask: number, damaged: Uint8Array | null, hits: Uint8Array | null) {
  const counts = emptyCounts();
  const out = new Int32Array(prefix ? prefix.length : x.count);
  let n = 0;
  let hit: Uint8Array | null = null;
  if (prefix && order) {
    hit = new Uint8Array(x.count);
    for (let k = 0; k < prefix.length; k++) hit[prefix[k]!] = 1;
  }
  const src = hit ? order : prefix ?? order;
  const len = src ? src.length : x.count;
  for (let k = 0; k < len; k++) {
    const t = src ? src[k]! : k;
    if (hit && !hit[t]) continue;
    if (damaged && !damaged[t]) continue;
    if (hits && !hits[t]) continue;
    const st = x.status[t]!;
    counts[TX_STATUSES[st]!]++;
    if ((mask >>> st) & 1) out[n++] = t;
  }
  return { list: out.subarray(0, n), counts };
}

/** 1 for each transaction of `x` with a row set in `rowHits` (a where bitmap). */
function txWithHit(x: TxTable, rowHits: Uint8Array): Uint8Array {
  const out = new Uint8Array(x.count);
  for (let t = 0; t < x.count; t++) {
    for (let k = x.rowStart[t]!; k < x.rowStart[t + 1]!; k++) {
      if (rowHits[x.rowsOf[k]!] === 1) { out[t] = 1; break; }
    }
  }
  return out;
}
