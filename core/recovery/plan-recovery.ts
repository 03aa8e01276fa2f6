import type { SnapshotStore } from '../store/document-ops.js';
import { isValidDocumentId } from '../store/names.js';
import { systemClock, type Clock } from '../store/timestamp.js';
import { damageText } from '../verify/original-rules.js';
import { isDroppedByCommittedOnly, TransactionFateTracker } from '../verify/transaction-fates.js';
import { throwIfAborted } from '../wal/compression/abort.js';
import { entryText } from '../wal/log-entry.js';
import type { WalRecord } from '../wal/records.js';
import { planNotes } from './plan-notes.js';
import { PlanOverlay } from './plan-overlay.js';
import { ForceReplay } from './replay-force.js';
import { SafeReplay } from './replay-safe.js';
import type {
  DroppedEntry, FlaggedEntry, LostRange, PlanOptions, RecordSource, RecoveryFailure, RecoveryPlan,
} from './recovery-types.js';

const BATCH = 1024;

async function* batches(source: AsyncIterable<WalRecord> | Iterable<WalRecord>): AsyncGenerator<WalRecord[]> {
  let batch: WalRecord[] = [];
  for await (const r of source) {
    batch.push(r);
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function transactionFates(source: RecordSource, options: PlanOptions): Promise<TransactionFateTracker> {
  const fates = new TransactionFateTracker();
  let n = 0;
  for await (const r of source()) {
    fates.add(r);
    if (++n % 4096 === 0) {
      throwIfAborted(options.signal, 'recovery plan');
      options.onProgress?.({ phase: 'scan', done: n });
    }
  }
  return fates;
}

/**
 * Computes what a safe or force recovery would do to `store`, writing nothing: the
 * original's counts and failures, the net change of each document, the entries lost to
 * damage, the entries committed-only leaves out, and entries naming another collection.
 */
export async function planRecovery(
  source: RecordSource, store: SnapshotStore, options: PlanOptions & { readonly clock?: Clock },
): Promise<RecoveryPlan> {
  const committedOnly = options.committedOnly ?? false;
  const fates = committedOnly ? await transactionFates(source, options) : undefined;
  const overlay = new PlanOverlay(store, options.clock ?? systemClock);
  const replay = options.mode === 'safe' ? new SafeReplay(overlay) : new ForceReplay(overlay);
  const counts = { recovered: 0, skipped: 0, failed: 0 };
  const failures: RecoveryFailure[] = [];
  const lost: LostRange[] = [];
  const dropped: DroppedEntry[] = [];
  const flagged: FlaggedEntry[] = [];
  let entries = 0;
  let done = 0;

  for await (const batch of batches(source())) {
    throwIfAborted(options.signal, 'recovery plan');
    await overlay.prefetch(batch.flatMap((r) => {
      if (r.kind !== 'entry' || r.entry.entryType === 'Begin' || r.entry.entryType === 'Commit' || r.entry.entryType === 'Rollback') return [];
      const id = entryText(r.entry).documentId;
      return isValidDocumentId(id) ? [id] : [];
    }));
    for (const record of batch) {
      const at = { segment: record.segment, offset: record.offset };
      if (record.kind === 'damage') {
        counts.failed++;
        failures.push({ transactionId: 'unknown', documentId: 'unknown', operationType: 'read', reason: damageText(record), ...at });
        lost.push({ ...at, length: record.length, damage: record.damage, detail: record.detail });
        continue;
      }
      entries++;
      const t = entryText(record.entry);
      const ids = { transactionId: t.transactionId, documentId: t.documentId };
      if (t.collection !== store.collection) flagged.push({ ...ids, entryType: t.entryType, collection: t.collection, ...at });
      const fate = fates?.fateOf(t.transactionId);
      if (fates && isDroppedByCommittedOnly(t.entryType, fate)) {
        dropped.push({ ...ids, entryType: t.entryType as DroppedEntry['entryType'], fate: fate as DroppedEntry['fate'], ...at });
        continue;
      }
      const outcome = await replay.replay(t);
      if (outcome.kind === 'failed') {
        counts.failed++;
        failures.push({ ...ids, operationType: t.entryType, reason: outcome.reason, ...at });
      } else counts[outcome.kind]++;
    }
    done += batch.length;
    options.onProgress?.({ phase: 'replay', done });
  }

  const { changes, basis } = await overlay.changes();
  const plan = {
    mode: options.mode, committedOnly, collection: store.collection, counts, failures, changes, lost, dropped, flagged,
    entries, basis, notes: [] as string[],
  };
  for (const note of planNotes(plan)) plan.notes.push(note);
  return plan;
}
