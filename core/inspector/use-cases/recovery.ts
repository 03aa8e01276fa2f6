import type { RecoveryMode, RecoveryPreview, RecoveryResult } from '../../contract/contract-jobs.js';
import type { RepairItem } from '../../contract/contract-repair.js';
import { applyRecovery } from '../../recovery/apply-recovery.js';
import { startDataChecks } from '../../recovery/data-check-thread.js';
import { planRecovery } from '../../recovery/plan-recovery.js';
import type { RecoveryPlan as CorePlan, RecoveryProgress } from '../../recovery/recovery-types.js';
import { FsCollection } from '../../store/fs-collection.js';
import type { LogLocation } from '../../wal/log-location.js';
import type { WalRecord } from '../../wal/records.js';
import { recoveryPreviewView, recoveryResultView } from '../views/recovery-view.js';
import { RecoveryRepairs, type RecoveryReader } from './repair.js';

// What a shell needs beside the use case, so that it depends on this module only.
export { locateLog, type LogLocation } from '../../wal/log-location.js';
export type { RecoveryProgress } from '../../recovery/recovery-types.js';
export { compactDocumentText } from '../views/recovery-view.js';

/** recovery.plan's arguments without the session: what `recover`'s options parse into. */
export interface RecoveryPlanOptions {
  /** The collection directory to recover. */
  readonly store: string;
  readonly mode: RecoveryMode;
  /** Replay only committed transactions (default false). */
  readonly committed_only?: boolean;
  /** Replay the entries one flipped bit explains, repaired (use-cases/repair.ts; default false). */
  readonly include_repaired?: boolean;
}

export interface RecoveryHooks {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RecoveryProgress) => void;
  /**
   * The chain's records in replay order, read once per pass with `read` (readLog, repair-aware:
   * use-cases/repair.ts); default: `read` itself. The service
   * time-slices them, because its plan is made on its own thread (the plan is kept for apply).
   */
  readonly records?: (location: LogLocation, read: RecoveryReader) => AsyncIterable<WalRecord>;
}

/** A planned recovery: what it shows, and what applying it needs. */
export interface PlannedRecovery {
  readonly preview: RecoveryPreview;
  /** Kept by the caller for applyRecoveryPlan (the service under its plan_id); never shown. */
  readonly held: HeldRecovery;
}

/** The core's plan and the collection directory it was made against. */
export interface HeldRecovery {
  readonly plan: CorePlan;
  readonly store: string;
  /** The repaired entries the plan replays (include_repaired), for apply's report. */
  readonly repaired?: readonly RepairItem[];
}

const signalOf = (hooks: RecoveryHooks) => (hooks.signal ? { signal: hooks.signal } : {});
const progressOf = (hooks: RecoveryHooks) => (hooks.onProgress ? { onProgress: hooks.onProgress } : {});

/**
 * recovery.plan and `recover --dry-run`: replays the located chain against the collection in
 * memory and says what would change, what fails and what is lost (writes nothing).
 */
export async function planRecoveryAt(location: LogLocation, options: RecoveryPlanOptions, hooks: RecoveryHooks = {}): Promise<PlannedRecovery> {
  const store = await FsCollection.open(options.store);
  const repairs = new RecoveryRepairs(options.include_repaired ?? false);
  const records = hooks.records ? (at: LogLocation) => hooks.records!(at, repairs.read) : (at: LogLocation) => repairs.read(at, signalOf(hooks));
  const plan = await planRecovery(() => records(location), store, {
    mode: options.mode, committedOnly: options.committed_only ?? false, ...signalOf(hooks), ...progressOf(hooks),
    // Force mode checks every Insert/Update's data: a large chain's checks run on a second thread.
    dataChecks: () => startDataChecks(location),
  });
  const repaired = repairs.entries();
  return { preview: repairs.mark(recoveryPreviewView(plan, store.dir)), held: { plan, store: store.dir, ...(repairs.include ? { repaired } : {}) } };
}

/**
 * recovery.apply and `recover --yes`: executes the plan under the collection's lock, after a
 * backup unless `backup` is false, refusing (STORE_CHANGED) if a file changed since the plan.
 */
export async function applyRecoveryPlan(held: HeldRecovery, options: { readonly backup?: boolean }, hooks: RecoveryHooks = {}): Promise<RecoveryResult> {
  const store = await FsCollection.open(held.store);
  const done = await applyRecovery(held.plan, store, { backup: options.backup ?? true, ...signalOf(hooks), ...progressOf(hooks) });
  return new RecoveryRepairs(held.repaired !== undefined).mark(recoveryResultView(done), held.repaired);
}
