import { basename, resolve } from 'node:path';
import type { RestoreApplied, RestoreReport } from '../../contract/contract-history.js';
import type { RecoveryPreview } from '../../contract/contract-jobs.js';
import { applyRestorePlan } from '../../restore/apply-restore.js';
import { logRanges, segmentSizes } from '../../restore/log-digest.js';
import { readAnyPlanFile } from '../../restore/plan-file.js';
import { snapshotRehearsal, writeRehearsalRecord } from '../../restore/rehearsal.js';
import { recoveryOperations } from '../../restore/recovery-operations.js';
import { PLAN_FORMAT, PLAN_VERSION, type FilePlan, type LogRange, type RecoverPlan, type RestoreOperation } from '../../restore/restore-types.js';
import { systemClock, type Clock } from '../../store/timestamp.js';
import type { LogLocation } from '../../wal/log-location.js';
import { planRecoveryAt, type RecoveryHooks, type RecoveryPlanOptions } from './recovery.js';
import { planStoreRecovery, type StoreProgress, type StoreRecoveryPreview } from './store-wide.js';
import { eachLocation, type StoreTarget } from './store-target.js';

export type { FilePlan, RecoverPlan } from '../../restore/restore-types.js';
export { writePlanFile } from '../../restore/plan-file.js';

/** What `apply FILE --json` prints for a recover plan: each collection's preview, then what was applied. */
export interface RecoverPlanApplied {
  readonly kind: 'recover';
  readonly store: string;
  readonly collections: readonly RecoveryPreview[];
  readonly applied: RestoreApplied;
}

interface Part { readonly location: LogLocation; readonly collection: string }

type Planned = { preview: RecoveryPreview; held: Parameters<typeof recoveryOperations>[0]; dir: string }[];

async function plannedFile(
  store: string, storeKind: RecoverPlan['store_kind'], parts: readonly Part[], plan: () => Promise<Planned>, clock: Clock, signal?: AbortSignal,
): Promise<RecoverPlan> {
  // Sizes before the chain is read: the plan read at least these bytes of each segment.
  const sizes = await Promise.all(parts.map(async (p) => ({ collection: p.collection, sizes: await segmentSizes(p.location) })));
  const planned = await plan();
  const operations: RestoreOperation[] = [];
  for (const p of planned) operations.push(...(await recoveryOperations(p.held, p.dir, clock, signal)));
  const logs: LogRange[] = [];
  for (const s of sizes) logs.push(...(await logRanges(s.collection, s.sizes)));
  return {
    format: PLAN_FORMAT, version: PLAN_VERSION, kind: 'recover', created_at: clock(), store, store_kind: storeKind, into: null,
    logs, operations, reports: planned.map((p) => p.preview),
  };
}

/**
 * `recover <collection> --plan-out FILE`: the recovery planned as `recover --dry-run` plans it,
 * as exact operations with the digest of every log byte range read and of every document file
 * it changes (a plan file `apply` takes). Writes nothing.
 */
export async function planRecoveryFile(
  location: LogLocation, options: RecoveryPlanOptions, hooks: RecoveryHooks & { readonly clock?: Clock } = {},
): Promise<{ plan: RecoverPlan; preview: RecoveryPreview }> {
  let preview: RecoveryPreview | undefined;
  const plan = await plannedFile(resolve(options.store), 'collection', [{ location, collection: basename(resolve(options.store)) }], async () => {
    const planned = await planRecoveryAt(location, options, hooks);
    preview = planned.preview;
    return [{ preview: planned.preview, held: planned.held.plan, dir: planned.held.store }];
  }, hooks.clock ?? systemClock, hooks.signal);
  return { plan, preview: preview! };
}

/** `recover <store root> --plan-out FILE`: every collection's recovery in one plan file. */
export async function planStoreRecoveryFile(
  target: StoreTarget, options: Omit<RecoveryPlanOptions, 'store'>, hooks: RecoveryHooks & StoreProgress & { readonly clock?: Clock } = {},
): Promise<{ plan: RecoverPlan; preview: StoreRecoveryPreview }> {
  const parts = (await eachLocation(target)).map((l) => ({ location: l.location, collection: l.collection }));
  let preview: StoreRecoveryPreview | undefined;
  const plan = await plannedFile(target.root, 'store', parts, async () => {
    const planned = await planStoreRecovery(target, options, hooks);
    preview = planned.preview;
    return planned.held.parts.map((p, i) => ({ preview: planned.preview.collections[i]!, held: p.held.plan, dir: p.held.store }));
  }, hooks.clock ?? systemClock, hooks.signal);
  return { plan, preview: preview! };
}

/** `apply FILE`: a restore or recover plan, read and checked (INVALID_PLAN naming the file). */
export function readAnyPlanAt(file: string): Promise<FilePlan> {
  return readAnyPlanFile(file);
}

/** Applies a plan file of either kind exactly (restore/apply-restore.ts: digests, lock, backup, resume). */
export async function applyPlanFileAt(
  plan: FilePlan, options: { readonly backup?: boolean; readonly planFile?: string; readonly signal?: AbortSignal } = {},
): Promise<RestoreReport | RecoverPlanApplied> {
  const applied = await applyRestorePlan(plan, {
    ...(options.backup !== undefined ? { backup: options.backup } : {}), ...(options.planFile ? { planFile: options.planFile } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  // A rehearsal written from a plan file: what it wrote is kept beside the plan, for `discard FILE`.
  if (plan.into !== null && options.planFile) await writeRehearsalRecord(options.planFile, plan.into, await snapshotRehearsal(plan.into));
  if (plan.kind === 'restore') return { ...plan.report, dry_run: false, applied };
  return { kind: 'recover', store: plan.store, collections: plan.reports.map((r) => ({ ...r, dry_run: false })), applied };
}
