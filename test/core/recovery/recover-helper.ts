import { applyRecovery } from '../../../core/recovery/apply-recovery.js';
import { planRecovery } from '../../../core/recovery/plan-recovery.js';
import type { RecoveryMode, RecoveryPlan } from '../../../core/recovery/recovery-types.js';
import { FsCollection } from '../../../core/store/fs-collection.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import { liveData, makeStore, type DocSpec, type EntrySpec, type TestStore } from '../store/store-fixture.js';

export interface Recovered {
  readonly plan: RecoveryPlan;
  readonly live: Record<string, string>;
  readonly store: TestStore;
  readonly backup: string | null;
  /** Plans again on the result (idempotence). */
  replan(): Promise<RecoveryPlan>;
}

const open: TestStore[] = [];
export async function cleanupStores(): Promise<void> {
  while (open.length) await open.pop()!.cleanup();
}

export async function planOn(store: TestStore, mode: RecoveryMode, committedOnly = false): Promise<RecoveryPlan> {
  const location = await locateLog(store.collDir);
  return planRecovery(() => readLog(location), await FsCollection.open(store.collDir), { mode, committedOnly });
}

/** Builds a real store, plans and applies a recovery on it. */
export async function recoverOn(
  docs: Record<string, string | DocSpec>, specs: readonly EntrySpec[] | Uint8Array, mode: RecoveryMode,
  options: { committedOnly?: boolean; deleted?: Record<string, string>; backup?: boolean; collection?: string } = {},
): Promise<Recovered> {
  const store = await makeStore(docs, specs, {
    ...(options.deleted ? { deleted: options.deleted } : {}), ...(options.collection ? { collection: options.collection } : {}),
  });
  open.push(store);
  const plan = await planOn(store, mode, options.committedOnly);
  const applied = await applyRecovery(plan, await FsCollection.open(store.collDir), { backup: options.backup ?? false });
  return {
    plan, store, backup: applied.backup, live: await liveData(store.collDir),
    replan: () => planOn(store, mode, options.committedOnly),
  };
}

export const counts = (p: RecoveryPlan) => [p.counts.recovered, p.counts.skipped, p.counts.failed];
