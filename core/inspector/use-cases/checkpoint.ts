import { applyCompaction } from '../../checkpoint/compact-apply.js';
import { planCompaction } from '../../checkpoint/compact-plan.js';
import type { CompactOptions, CompactPlan } from '../../checkpoint/checkpoint-types.js';
import { checkpointLog, logPosition } from '../../checkpoint/log-position.js';
import type { CheckpointPlanArgs, CheckpointPreview, CheckpointResult } from '../../contract/contract-jobs.js';
import { locateLog, type LogLocation } from '../../wal/log-location.js';
import { compactPreviewView, compactResultView, plainPreviewView, plainResultView } from '../views/checkpoint-view.js';

// What a shell needs beside the use case, so that it depends on this module only.
export { locateLog, type LogLocation } from '../../wal/log-location.js';
export { parseCompression } from '../../wal/compression/compression.js';

/** checkpoint.plan's arguments without the session: what `checkpoint`'s options parse into. */
export type CheckpointOptions = Omit<CheckpointPlanArgs, 'session_id' | 'job_id'>;

/** The compaction choices as the core takes them (the contract's milliseconds as whole seconds). */
export type CompactChoices = Pick<CompactOptions, 'compression' | 'maxAgeSecs' | 'keep'>;

export interface CheckpointHooks {
  readonly signal?: AbortSignal;
  readonly onProgress?: CompactOptions['onProgress'];
  /**
   * Makes the compaction preview; default: here, with `signal` and `onProgress`. The service
   * runs it on a worker thread (job-tasks' compact-plan, planCompaction with these choices).
   */
  readonly planCompaction?: (location: LogLocation, choices: CompactChoices) => Promise<CompactPlan>;
}

/** A previewed checkpoint: what it shows, and what applying it needs (null: a plain checkpoint). */
export interface PlannedCheckpoint {
  readonly preview: CheckpointPreview;
  /** Kept by the caller for applyCheckpoint (the service under its plan_id); never shown. */
  readonly held: CompactPlan | null;
}

export function compactChoices(options: CheckpointOptions): CompactChoices {
  return {
    ...(options.compression ? { compression: options.compression } : {}),
    ...(options.remove_older_than_ms !== undefined ? { maxAgeSecs: Math.floor(options.remove_older_than_ms / 1000) } : {}),
    ...(options.keep_segments !== undefined ? { keep: options.keep_segments } : {}),
  };
}

/**
 * checkpoint.plan and `checkpoint [--compact] --dry-run`: a plain checkpoint previews where the
 * log ends; a compaction verifies the store, names what would be sealed and removed, and every
 * reason it may not (writes nothing either way).
 */
export async function planCheckpoint(location: LogLocation, options: CheckpointOptions, hooks: CheckpointHooks = {}): Promise<PlannedCheckpoint> {
  if (!options.compact) return { preview: plainPreviewView(await logPosition(location, hooks.signal)), held: null };
  const choices = compactChoices(options);
  const plan = hooks.planCompaction
    ? await hooks.planCompaction(location, choices)
    : await planCompaction(location, { ...choices, ...(hooks.signal ? { signal: hooks.signal } : {}), ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}) });
  return { preview: compactPreviewView(plan), held: plan };
}

/**
 * checkpoint.apply and `checkpoint [--compact]`: flushes and fsyncs the active segment, or
 * executes the previewed compaction (refused plans throw, VERIFY_FAILED at the contract). A
 * compaction that seals nothing still syncs the active segment, so `synced` is true only when
 * something was.
 */
export async function applyCheckpoint(location: LogLocation, held: CompactPlan | null, hooks: CheckpointHooks = {}): Promise<CheckpointResult> {
  if (held === null) return plainResultView(await checkpointLog(location, hooks.signal));
  const done = await applyCompaction(held, { ...(hooks.signal ? { signal: hooks.signal } : {}), ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}) });
  if (done.sealed !== null) return compactResultView(done, true);
  const synced = await checkpointLog(await locateLog(held.walDir), hooks.signal);
  return compactResultView({ ...done, position: synced.position }, synced.synced);
}
