import { FsCollection } from '../store/fs-collection.js';
import { LogHistory } from '../verify/log-history.js';
import { TransactionFateTracker } from '../verify/transaction-fates.js';
import { verifyLog } from '../verify/verify-log.js';
import type { VerifyResult } from '../verify/verify-types.js';
import { entryText } from '../wal/log-entry.js';
import type { LogLocation } from '../wal/log-location.js';
import { readLog } from '../wal/read-log.js';
import type { WalRecord } from '../wal/records.js';
import type { CompactBlocker } from './checkpoint-types.js';
import { checkDeletedCopies } from './deleted-copies.js';

/** Findings of verification that say the store holds something the committed log does not. */
const STORE_FINDINGS = new Set(['uncommitted-on-disk', 'deleted-still-on-disk']);

export interface StoreReflection {
  readonly verified: VerifyResult;
  /** Why the store does not reflect the log exactly, each pointing at its entry. */
  readonly blockers: readonly CompactBlocker[];
}

/** Passes every record on, noting transaction fates and the documents that have a Delete. */
async function* noting(records: AsyncIterable<WalRecord>, fates: TransactionFateTracker, deleted: Set<string>): AsyncGenerator<WalRecord> {
  for await (const r of records) {
    fates.add(r);
    if (r.kind === 'entry' && r.entry.entryType === 'Delete') deleted.add(entryText(r.entry).documentId);
    yield r;
  }
}

/**
 * Sentinel's verdict is not enough to remove log data: its rules pass a Delete the store never
 * applied, a deleted document whose `.deleted/` copy is gone, and rolled-back or never-committed
 * writes that reached the disk. This verifies (one read of the log) and adds a blocker for each
 * such finding, then reads the log again, only when it has Deletes, for the documents they
 * touch, to check every soft-deleted copy.
 */
export async function checkStoreReflectsLog(location: LogLocation, collectionDir: string, signal?: AbortSignal): Promise<StoreReflection> {
  const opts = signal ? { signal } : {};
  const fates = new TransactionFateTracker();
  const deleted = new Set<string>();
  // A function: verifyLog may read twice (a Begin after its operations); noting the same records again changes nothing.
  const verified = await verifyLog(() => noting(readLog(location, opts), fates, deleted), await FsCollection.open(collectionDir), opts);
  const blockers: CompactBlocker[] = verified.findings.filter((f) => STORE_FINDINGS.has(f.kind)).map((f) => ({
    kind: f.kind as CompactBlocker['kind'], description: f.description,
    ...(f.documentId !== undefined ? { documentId: f.documentId } : {}),
    ...(f.segment !== undefined && f.offset !== undefined ? { segment: f.segment, offset: f.offset } : {}),
  }));
  if (deleted.size > 0) {
    const history = new LogHistory();
    for await (const r of readLog(location, opts)) {
      if (r.kind !== 'entry') continue;
      const t = entryText(r.entry);
      if (deleted.has(t.documentId)) history.add(r, t);
    }
    blockers.push(...(await checkDeletedCopies(collectionDir, history.byDocument, (tx) => fates.fateOf(tx))));
  }
  return { verified, blockers };
}
