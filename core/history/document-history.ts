import { parseJson, type JsonValue } from '../json/index.js';
import { throwIfAborted } from '../wal/compression/abort.js';
import { entryText } from '../wal/log-entry.js';
import type { WalRecord } from '../wal/records.js';
import { nextState, type StateShape, type StateText } from './next-state.js';
import { BegunTransactions } from './transaction-fates-lite.js';
import { segmentIndexer } from './rewrite-log.js';

/** What became of the transaction an entry belongs to; `standalone`: its id has no Begin (as Sentinel writes them). */
export type VersionStatus = 'committed' | 'rolled-back' | 'never-terminated' | 'standalone';

/** One entry of a document's history and its state after it. */
export interface DocumentVersion {
  readonly segment: string;
  readonly offset: number;
  readonly timestamp: bigint;
  readonly entryType: 'Insert' | 'Update' | 'Delete';
  readonly transactionId: string;
  readonly transactionStatus: VersionStatus;
  /** The state after the entry; null: absent. */
  readonly state: JsonValue | null;
  /** Set when the entry's data cannot be read: the state is then the one before it. */
  readonly unreadable?: string;
}

export interface DocumentHistory {
  readonly documentId: string;
  /** The collection the entries name (the first one's), or null when none does. */
  readonly collection: string | null;
  /** The history starts with an Insert and every entry's data reads: every state is known. */
  readonly complete: boolean;
  readonly versions: readonly DocumentVersion[];
}

function parsedState(text: StateText): JsonValue | null {
  if (text === null) return null;
  const r = parseJson(text);
  return r.ok ? r.value : null;
}

/**
 * A document's history: its Insert/Update/Delete entries in replay order across the chain,
 * the state after each (Insert → data, Update → deep merge, Delete → absent) and the fate of
 * each entry's transaction (decided by entries anywhere in the chain, so read to its end).
 * `records` may be the whole chain or any part holding this document's entries and the
 * Begin/Commit/Rollback entries of their transactions.
 */
export async function documentHistory(
  records: AsyncIterable<WalRecord | readonly WalRecord[]> | Iterable<WalRecord>, segments: readonly string[], documentId: string,
  options: { readonly signal?: AbortSignal } = {},
): Promise<DocumentHistory> {
  const fates = new BegunTransactions();
  const indexOf = segmentIndexer(segments);
  const raw: Omit<DocumentVersion, 'transactionStatus'>[] = [];
  let state: StateText = null;
  let shape: StateShape | undefined;
  let signature: string | undefined;
  let complete = true;
  let collection: string | null = null;
  let n = 0;
  const take = (r: WalRecord): void => {
    if (++n % 4096 === 0) throwIfAborted(options.signal, 'document history');
    fates.add(r, indexOf(r.kind === 'entry' ? r.segment : ''));
    if (r.kind !== 'entry') return;
    const t = entryText(r.entry);
    if (t.documentId !== documentId || (t.entryType !== 'Insert' && t.entryType !== 'Update' && t.entryType !== 'Delete')) return;
    if (raw.length === 0) {
      complete = t.entryType === 'Insert';
      collection = t.collection;
    }
    const next = nextState(state, t.entryType, t.data, shape, signature);
    const base = { segment: r.segment, offset: r.offset, timestamp: t.timestamp, entryType: t.entryType, transactionId: t.transactionId };
    if (next.ok) {
      state = next.state;
      shape = next.shape;
      signature = next.signature;
      raw.push({ ...base, state: parsedState(state) });
    } else {
      complete = false;
      raw.push({ ...base, state: parsedState(state), unreadable: next.reason });
    }
  };
  for await (const item of records) {
    if (Array.isArray(item)) for (const r of item as readonly WalRecord[]) take(r);
    else take(item as WalRecord);
  }
  const status = (tx: string): VersionStatus => {
    const fate = fates.fateOf(tx);
    return fate === undefined ? 'standalone' : fate === 'unterminated' ? 'never-terminated' : fate;
  };
  return { documentId, collection, complete, versions: raw.map((v) => ({ ...v, transactionStatus: status(v.transactionId) })) };
}
