import { basename, resolve } from 'node:path';
import type { RestoreReport } from '../../contract/contract-history.js';
import type { RecoveryPreview, RecoveryResult } from '../../contract/contract-jobs.js';
import type { RecoverPlanApplied } from '../../contract/contract-rehearsal.js';
import { applyRestorePlan } from '../../restore/apply-restore.js';
import { RestoreError } from '../../restore/restore-error.js';
import { checkDestination } from '../../restore/restore-into.js';
import { logRanges, segmentSizes } from '../../restore/log-digest.js';
import { readAnyPlanFile } from '../../restore/plan-file.js';
import { snapshotRehearsal, writeRehearsalRecord } from '../../restore/rehearsal.js';
import { recoveryOperations } from '../../restore/recovery-operations.js';
import { PLAN_FORMAT, PLAN_VERSION, type FilePlan, type LogRange, type RecoverPlan, type RestoreOperation } from '../../restore/restore-types.js';
import { systemClock, type Clock } from '../../store/timestamp.js';
import type { LogLocation } from '../../wal/log-location.js';
import { planRecoveryAt, type RecoveryHooks, type RecoveryPlanOptions } from './recovery.js';
import { storeRecoveryResultView } from '../views/store-view.js';
import { planStoreRecovery, type StoreProgress, type StoreRecoveryPreview, type StoreRecoveryResult } from './store-wide.js';
import { eachLocation, type StoreTarget } from './store-target.js';

export type { FilePlan, RecoverPlan } from '../../restore/restore-types.js';
export { writePlanFile } from '../../restore/plan-file.js';

export type { RecoverPlanApplied } from '../../contract/contract-rehearsal.js';

interface Part { readonly location: LogLocation; readonly collection: string }

type Planned = { preview: RecoveryPreview; held: Parameters<typeof recoveryOperations>[0]; dir: string }[];

async function plannedFile(
  store: string, storeKind: RecoverPlan['store_kind'], parts: readonly Part[], plan: () => Promise<Planned>, clock: Clock, signal?: AbortSignal, into: string | null = null,
): Promise<RecoverPlan> {
  // Sizes before the chain is read: the plan read at least these bytes of each segment.
  const sizes = await Promise.all(parts.map(async (p) => ({ collection: p.collection, sizes: await segmentSizes(p.location) })));
  const planned = await plan();
  const operations: RestoreOperation[] = [];
  for (const p of planned) operations.push(...(await recoveryOperations(p.held, p.dir, clock, signal)));
  const logs: LogRange[] = [];
  for (const s of sizes) logs.push(...(await logRanges(s.collection, s.sizes)));
  return {
    format: PLAN_FORMAT, version: PLAN_VERSION, kind: 'recover', created_at: clock(), store, store_kind: storeKind, into,
    logs, operations, reports: planned.map((p) => p.preview),
  };
}

/** A recovery as exact operations (a plan file's), with its preview and the signed documents it re-writes unsigned. */
export interface PlannedRecoveryFile {
  readonly plan: RecoverPlan;
  readonly preview: RecoveryPreview;
  readonly unsigned: readonly string[];
}

/**
 * `recover <collection> --plan-out FILE` (and `--into DIR`, recovery.plan with `into`): the
 * recovery planned as `recover --dry-run` plans it, as exact operations with the digest of every
 * log byte range read and of every document file it changes (a plan file `apply` takes). With
 * `into`, the plan is a rehearsal: applied, it writes that new folder and never the store.
 * Writes nothing.
 */
export async function planRecoveryFile(
  location: LogLocation, options: RecoveryPlanOptions & { readonly into?: string }, hooks: RecoveryHooks & { readonly clock?: Clock } = {},
): Promise<PlannedRecoveryFile> {
  let preview: RecoveryPreview | undefined;
  let unsigned: string[] = [];
  const into = options.into !== undefined ? resolve(options.into) : null;
  // A folder that cannot be written is said before the log is read (the rehearsal checks again).
  if (into !== null) await checkDestination(into);
  const plan = await plannedFile(resolve(options.store), 'collection', [{ location, collection: basename(resolve(options.store)) }], async () => {
    const planned = await planRecoveryAt(location, options, hooks);
    preview = into !== null ? { ...planned.preview, into } : planned.preview;
    unsigned = planned.held.plan.changes.filter((c) => c.operation === 'update' && c.rewritesSigned).map((c) => c.documentId);
    return [{ preview, held: planned.held.plan, dir: planned.held.store }];
  }, hooks.clock ?? systemClock, hooks.signal, into);
  return { plan, preview: preview!, unsigned };
}

/**
 * recovery.apply of a rehearsal and `recover --into DIR`: writes the recovered collection as the
 * new folder the plan names (restore/restore-into.ts: the live documents copied, then the plan's
 * exact operations; the store is not touched), and says so as a recovery's result.
 */
export async function rehearseRecoveryAt(planned: PlannedRecoveryFile, signal?: AbortSignal): Promise<RecoveryResult> {
  const { plan, preview } = planned;
  if (plan.into === null || plan.store_kind !== 'collection') throw new RestoreError('INVALID_PLAN', `the recovery plan for ${plan.store} is not a collection's rehearsal (it has no --into folder)`, { file: plan.store });
  const applied = await applyRestorePlan(plan, signal ? { signal } : {});
  return { ...preview, dry_run: false, backup: null, applied: applied.written, unsigned_rewrites: [...planned.unsigned], into: plan.into };
}

/** A store's recovery as exact operations, with its preview and per collection the signed documents it re-writes unsigned. */
export interface PlannedStoreRecoveryFile {
  readonly plan: RecoverPlan;
  readonly preview: StoreRecoveryPreview;
  readonly unsigned: ReadonlyMap<string, readonly string[]>;
}

/**
 * `recover <store root> --plan-out FILE`: every collection's recovery in one plan file. With
 * `into` (`--into DIR`, store.plan_recovery with `into`), a rehearsal that writes a new store root.
 */
export async function planStoreRecoveryFile(
  target: StoreTarget, options: Omit<RecoveryPlanOptions, 'store'> & { readonly into?: string }, hooks: RecoveryHooks & StoreProgress & { readonly clock?: Clock } = {},
): Promise<PlannedStoreRecoveryFile> {
  const parts = (await eachLocation(target)).map((l) => ({ location: l.location, collection: l.collection }));
  let preview: StoreRecoveryPreview | undefined;
  const unsigned = new Map<string, string[]>();
  const into = options.into !== undefined ? resolve(options.into) : null;
  if (into !== null) await checkDestination(into);
  const { into: _into, ...recovery } = options;
  const plan = await plannedFile(target.root, 'store', parts, async () => {
    const planned = await planStoreRecovery(target, recovery, hooks);
    preview = into !== null ? { ...planned.preview, into } : planned.preview;
    for (const p of planned.held.parts) unsigned.set(p.collection, p.held.plan.changes.filter((c) => c.operation === 'update' && c.rewritesSigned).map((c) => c.documentId));
    return planned.held.parts.map((p, i) => ({ preview: planned.preview.collections[i]!, held: p.held.plan, dir: p.held.store }));
  }, hooks.clock ?? systemClock, hooks.signal, into);
  return { plan, preview: preview!, unsigned };
}

/**
 * store.apply_recovery of a rehearsal and `recover <store root> --into DIR`: writes the recovered
 * store as the new store root the plan names (the store is not touched), and says so as a store
 * recovery's result: each collection's part with the documents written for it into the folder.
 */
export async function rehearseStoreRecoveryAt(planned: PlannedStoreRecoveryFile, signal?: AbortSignal): Promise<StoreRecoveryResult> {
  const { plan, preview } = planned;
  if (plan.into === null || plan.store_kind !== 'store') throw new RestoreError('INVALID_PLAN', `the recovery plan for ${plan.store} is not a store's rehearsal (it has no --into folder)`, { file: plan.store });
  await applyRestorePlan(plan, signal ? { signal } : {});
  const collections = preview.collections.map((c) => ({
    ...c, dry_run: false, backup: null, applied: plan.operations.filter((o) => o.collection === c.collection).length,
    unsigned_rewrites: [...(planned.unsigned.get(c.collection) ?? [])],
  }));
  return { ...storeRecoveryResultView(plan.store, collections, preview.skipped_collections, { mode: preview.mode, committed_only: preview.committed_only }), into: plan.into };
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
