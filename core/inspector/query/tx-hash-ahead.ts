import type { Session } from '../session.js';
import { hashTxGroups, TxHasher, type HashedTxGroups } from './tx-groups.js';

/**
 * The transactions' hash grouping made while the log is indexed: the index runs in its own
 * thread, this one is mostly idle meanwhile, and hashing 8.6 M rows after indexing took
 * ~0.45 s of the Transactions view's first open. A row's group never changes once hashed, so
 * the grouping goes on from where it stopped each time rows come (see TxHasher); a retract
 * drops it (the rows it hashed may differ now).
 */
interface Ahead {
  readonly hasher: TxHasher;
  readonly retractions: number;
  /** The extends, one after another. */
  tail: Promise<void>;
  running: boolean;
}

const KEY = 'tx-hash-ahead';

function current(session: Session): Ahead | null {
  const a = session.cache.lasting.get(KEY) as Ahead | undefined;
  if (!a) return null;
  if (a.retractions !== session.store.retractions || a.hasher.done > session.store.rows) {
    session.cache.lasting.delete(KEY);
    return null;
  }
  return a;
}

/** Hashes the rows committed so far in the background (once at a time; called as rows come while indexing). */
export function hashAhead(session: Session, pause: () => Promise<void>): void {
  if (session.closed || session.indexer.complete) return;
  let a = current(session);
  if (!a) {
    a = { hasher: new TxHasher(1 << 16), retractions: session.store.retractions, tail: Promise.resolve(), running: false };
    session.cache.lasting.set(KEY, a);
  }
  if (a.running) return;
  const ahead = a;
  ahead.running = true;
  ahead.tail = ahead.tail.then(() => ahead.hasher.extend(session.store, session.store.rows, pause)).catch(() => {
    // Closed, or failed: the grouping is made from the start when asked (hashTxGroups).
    if (session.cache.lasting.get(KEY) === ahead) session.cache.lasting.delete(KEY);
  }).finally(() => { ahead.running = false; });
}

/**
 * hashTxGroups(store, rows) from the grouping made ahead, if there is one of at most `rows`
 * rows (null: none, hash from the start). Once indexing is done and `rows` are all the rows,
 * the grouping is handed over and dropped (rows that follow are hashed from the start, as before).
 */
export function hashedAhead(session: Session, rows: number, pause: () => Promise<void>): Promise<HashedTxGroups> | null {
  const a = current(session);
  if (!a || a.hasher.done > rows || rows > session.store.rows) return null;
  const last = session.indexer.complete && rows === session.store.rows;
  if (last) session.cache.lasting.delete(KEY);
  const done = a.tail.then(async () => {
    // Rows withdrawn meanwhile: the ones hashed may differ now.
    if (a.retractions !== session.store.retractions) return hashTxGroups(session.store, rows, pause);
    await a.hasher.extend(session.store, rows, pause);
    return a.hasher.result(last);
  });
  a.tail = done.then(() => undefined, () => undefined);
  return done;
}
