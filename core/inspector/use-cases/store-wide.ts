import type { CheckpointResult, RecoveryResult } from '../../contract/contract-jobs.js';
import { CodedError } from '../../errors/coded-error.js';
import type {
  CollectionPart, CollectionStats, SkippedCollection, StoreCheckpointPreview, StoreCheckpointResult, StoreRecoveryPreview, StoreRecoveryResult, StoreStats,
  StoreVerifyReport,
} from '../../contract/contract-store.js';
import {
  part, storeCheckpointPreviewView, storeCheckpointResultView, storeRecoveryPreviewView, storeRecoveryResultView, storeStatsView, storeVerifyView,
} from '../views/store-view.js';
import { applyCheckpoint, planCheckpoint, type CheckpointHooks, type CheckpointOptions, type PlannedCheckpoint } from './checkpoint.js';
import { applyRecoveryPlan, planRecoveryAt, type HeldRecovery, type RecoveryHooks, type RecoveryPlanOptions } from './recovery.js';
import { statsOfLocation, type StatsRunOptions } from './stats.js';
import { collectionWalConfig, eachCollection, type StoreTarget } from './store-target.js';
import { verifyLocation, type VerifyRunOptions } from './verify.js';

// What a shell needs beside the use case, so that it depends on this module only.
export { collectionWalConfig, storeTarget, type StoreTarget } from './store-target.js';
export type * from '../../contract/contract-store.js';

/**
 * Store-wide use cases, as Sentinel's `wal … --store-path S` without `--collection` and its
 * `verify_all_collections` / `recover_all_collections`: the single-collection use case for each
 * collection on its own chain and documents, one after another, then the totals. A collection's
 * answer is exactly what running it alone gives.
 */

/** Tells which collection the per-collection progress is about. */
export interface StoreProgress {
  readonly onCollection?: (name: string, index: number, count: number) => void;
}

export async function statsOfStore(target: StoreTarget, o: StatsRunOptions & StoreProgress = {}): Promise<StoreStats> {
  const parts = await eachCollection(target, async (c, location) => {
    o.onCollection?.(c.name, target.collections.indexOf(c), target.collections.length);
    const stats = await statsOfLocation(location, o);
    const config = await collectionWalConfig(c);
    return { ...part(c.name, stats), wal_config: config } as CollectionStats;
  });
  return storeStatsView(target.root, parts.map((p) => p.value), target.skipped);
}

export async function verifyStore(target: StoreTarget, o: Omit<VerifyRunOptions, 'store'> & StoreProgress): Promise<StoreVerifyReport> {
  const parts = await eachCollection(target, async (c, location) => {
    o.onCollection?.(c.name, target.collections.indexOf(c), target.collections.length);
    return part(c.name, await verifyLocation(location, { ...o, store: c.dir }));
  });
  return storeVerifyView(target.root, parts.map((p) => p.value), target.skipped);
}

/** A store's recovery plan: one plan per collection, each against that collection's directory. */
export interface HeldStoreRecovery {
  readonly root: string;
  readonly parts: readonly { readonly collection: string; readonly held: HeldRecovery }[];
  readonly skipped: readonly SkippedCollection[];
  readonly options: Omit<RecoveryPlanOptions, 'store'>;
}

export async function planStoreRecovery(
  target: StoreTarget, options: Omit<RecoveryPlanOptions, 'store'>, hooks: RecoveryHooks & StoreProgress = {},
): Promise<{ preview: StoreRecoveryPreview; held: HeldStoreRecovery }> {
  const parts = await eachCollection(target, async (c, location) => {
    hooks.onCollection?.(c.name, target.collections.indexOf(c), target.collections.length);
    return planRecoveryAt(location, { ...options, store: c.dir }, hooks);
  });
  const committed = options.committed_only ?? false;
  return {
    preview: storeRecoveryPreviewView(target.root, parts.map((p) => part(p.collection.name, p.value.preview)), target.skipped, { mode: options.mode, committed_only: committed }),
    held: { root: target.root, parts: parts.map((p) => ({ collection: p.collection.name, held: p.value.held })), skipped: target.skipped, options },
  };
}

/**
 * Applies each collection's plan in turn (each under its own lock, with its own backup). A
 * failure stops there: the collections applied before it are in the error's context.
 */
export async function applyStoreRecovery(held: HeldStoreRecovery, options: { readonly backup?: boolean }, hooks: RecoveryHooks & StoreProgress = {}): Promise<StoreRecoveryResult> {
  const done: (CollectionPart & RecoveryResult)[] = [];
  for (const [k, p] of held.parts.entries()) {
    hooks.onCollection?.(p.collection, k, held.parts.length);
    try {
      done.push(part(p.collection, await applyRecoveryPlan(p.held, options, hooks)));
    } catch (err) {
      const applied = done.map((d) => `${d.collection} (${d.applied} document${d.applied === 1 ? '' : 's'} written${d.backup ? `, backup ${d.backup}` : ''})`);
      throw storeApplyError(err, p.collection, applied, held.parts.slice(k + 1).map((x) => x.collection));
    }
  }
  return storeRecoveryResultView(held.root, done, held.skipped, { mode: held.options.mode, committed_only: held.options.committed_only ?? false });
}

/**
 * A collection's apply failed: the same error (code and context), its message saying which
 * collections were applied before it (what was done there) and which were not started,
 * so that a re-run knows where the store stands.
 */
function storeApplyError(err: unknown, collection: string, done: readonly string[], notStarted: readonly string[]): unknown {
  if (!(err instanceof CodedError)) return err;
  const before = done.join('; ') || 'none';
  const message = `collection ${collection}: ${err.message} — applied before it: ${before}; not started: ${notStarted.join(', ') || 'none'}`;
  const Same = err.constructor as new (code: string, message: string, context: object) => CodedError<string, object>;
  return new Same(err.code, message, { ...(err.context as object), cause: err });
}

/** A store's checkpoint: each collection's plan (null held: a plain checkpoint). */
export interface HeldStoreCheckpoint {
  readonly root: string;
  readonly parts: readonly { readonly collection: string; readonly location: Parameters<typeof applyCheckpoint>[0]; readonly planned: PlannedCheckpoint }[];
  readonly skipped: readonly SkippedCollection[];
}

/** Checkpoints need a `.wal/` to sync or seal: collections without one are skipped, saying so. */
export async function planStoreCheckpoint(target: StoreTarget, options: CheckpointOptions, hooks: CheckpointHooks & StoreProgress = {}): Promise<{ preview: StoreCheckpointPreview; held: HeldStoreCheckpoint }> {
  const withWal = target.collections.filter((c) => c.hasWal);
  const skipped = [...target.skipped, ...target.collections.filter((c) => !c.hasWal).map((c) => ({ collection: c.name, reason: 'no .wal/ directory: nothing to checkpoint' }))];
  const scoped = { ...target, collections: withWal };
  const parts = await eachCollection(scoped, async (c, location) => {
    hooks.onCollection?.(c.name, withWal.indexOf(c), withWal.length);
    return { location, planned: await planCheckpoint(location, options, hooks) };
  });
  return {
    preview: storeCheckpointPreviewView(target.root, parts.map((p) => part(p.collection.name, p.value.planned.preview)), skipped, options.compact ?? false),
    held: { root: target.root, parts: parts.map((p) => ({ collection: p.collection.name, ...p.value })), skipped },
  };
}

/** Applies every collection's checkpoint whose plan is not refused (the refused ones are left as they are and listed as skipped). */
export async function applyStoreCheckpoint(held: HeldStoreCheckpoint, hooks: CheckpointHooks & StoreProgress = {}): Promise<StoreCheckpointResult> {
  const done: (ReturnType<typeof part<CheckpointResult>>)[] = [];
  const skipped = [...held.skipped];
  for (const [k, p] of held.parts.entries()) {
    if (p.planned.preview.refused) {
      skipped.push({ collection: p.collection, reason: `refused: ${p.planned.preview.refused}` });
      continue;
    }
    hooks.onCollection?.(p.collection, k, held.parts.length);
    try {
      done.push(part(p.collection, await applyCheckpoint(p.location, p.planned.held, hooks)));
    } catch (err) {
      const applied = done.map((d) => `${d.collection} (${d.sealed ? `sealed ${d.sealed}` : 'synced'}${d.removed.length ? `, removed ${d.removed.length}` : ''})`);
      throw storeApplyError(err, p.collection, applied, held.parts.slice(k + 1).map((x) => x.collection));
    }
  }
  return storeCheckpointResultView(held.root, done, skipped);
}
