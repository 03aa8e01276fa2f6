import { fail } from '../inspector-error.js';
import type { Session } from '../session.js';
import { SessionTxBytes } from './session-tx-bytes.js';
import { confirmTxGroups, hashTxGroups, type HashedTxGroups, type TxGroups } from './tx-groups.js';
import { buildTxTable, type TxTable } from './tx-table.js';

export type ExactTxGroups = TxGroups & { readonly split: boolean };

/**
 * A session's transactions, built once for a state of its rows: grouped by id hash, tabled,
 * then (on demand, in slices) confirmed by the ids' bytes. Derived values (orders, filtered
 * lists) live in `derived`, so they go when the state goes.
 */
export interface TxState {
  readonly version: number;
  readonly rows: number;
  readonly builtAt: number;
  readonly hashed: Promise<HashedTxGroups>;
  /** The table of the hashed groups. */
  readonly table: Promise<TxTable>;
  exact: ExactTxGroups | null;
  confirming: Promise<ExactTxGroups> | null;
  exactTable: Promise<TxTable> | null;
  readonly derived: Map<string, unknown>;
}

const KEY = 'tx-state';
/** While indexing runs, a state this young serves calls for later rows too (rebuilding per call would never end). */
const STALE_MS = 2000;

/** Lets other calls run between slices of the work; stops it once the session is closed. */
function pauser(session: Session): () => Promise<void> {
  return async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (session.closed) fail('ABORTED', 'the session was closed');
  };
}

/** Marks a promise handled (background work whose failure nobody may wait for), keeping it as it is. */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/**
 * The transaction state for the rows as they are now. `fresh`: of exactly the current rows;
 * otherwise, while indexing runs, a recent state of fewer rows will do.
 */
export function txState(session: Session, fresh: boolean): TxState {
  const store = session.store;
  const lasting = session.cache.lasting;
  const s = lasting.get(KEY) as TxState | undefined;
  if (s && s.rows <= store.rows) {
    if (s.version === store.version) return s;
    if (!fresh && !session.indexer.complete && Date.now() - s.builtAt < STALE_MS) return s;
  }
  const rows = store.rows;
  const pause = pauser(session);
  const hashed = quiet(hashTxGroups(store, rows, pause));
  const next: TxState = {
    version: store.version, rows, builtAt: Date.now(), hashed, table: quiet(hashed.then((h) => buildTxTable(store, h, pause))),
    exact: null, confirming: null, exactTable: null, derived: new Map(),
  };
  lasting.set(KEY, next);
  return next;
}

/** The transaction state of exactly the current rows, if one was built (nothing is started). */
export function currentTxState(session: Session): TxState | undefined {
  const s = session.cache.lasting.get(KEY) as TxState | undefined;
  return s && s.version === session.store.version ? s : undefined;
}

/**
 * Builds the transaction table in the background once the log is indexed (in slices, after
 * the calls already waiting), so the Transactions view's first open pages a table that is
 * there, and its first page (damage marks, the default list): building them takes seconds at
 * millions of transactions. The ids' byte comparison still starts on first use (it reads
 * every id back from the segments).
 */
export function warmTxState(session: Session): void {
  setImmediate(() => {
    if (session.closed || currentTxState(session)) return;
    const s = txState(session, true);
    // Loaded when needed: opening a session does not load the query engine.
    void s.table.then(async () => {
      if (session.closed) return;
      const { warmTransactionsPage } = await import('./transactions.js');
      await warmTransactionsPage(session);
    }).catch(() => undefined);
  });
}

/** Compares the ids of the state's hashed groups by their bytes (once per state). */
export function confirmState(session: Session, s: TxState): Promise<ExactTxGroups> {
  s.confirming ??= quiet(s.hashed.then((h) => confirmTxGroups(h, new SessionTxBytes(session), { pause: pauser(session) })).then((g) => {
    s.exact = g;
    return g;
  }));
  return s.confirming;
}

/** The table of the confirmed groups: the hashed table itself unless a hash collision split one. */
export function exactTable(session: Session, s: TxState, g: ExactTxGroups): Promise<TxTable> {
  if (!g.split) return s.table;
  s.exactTable ??= quiet(buildTxTable(session.store, g, pauser(session)));
  return s.exactTable;
}

/** A derived value of the state, made once. */
export function derived<T>(s: TxState, key: string, make: () => T): T {
  if (s.derived.has(key)) return s.derived.get(key) as T;
  const value = make();
  if (s.derived.size >= 64) s.derived.delete(s.derived.keys().next().value!);
  s.derived.set(key, value);
  return value;
}
