import { toOrderedJson, type OutValue } from '../verify/ordered-json.js';
import type { CheckpointResult, CompactPlan, CompactResult, LogPosition } from './checkpoint-types.js';

function positionOut(p: LogPosition): OutValue {
  return { segment: p.segment, offset: p.offset, entries: p.entries, segments: p.segments };
}

/** `checkpoint`: `{position: {segment, offset, entries, segments}, synced}`. */
export function checkpointToJson(r: CheckpointResult): string {
  return toOrderedJson({ position: positionOut(r.position), synced: r.synced });
}

/**
 * `checkpoint --compact`: `{dry_run, applied, refused, verification, seal, remove, sealed,
 * removed, position}` — the preview, and what was done when applied.
 */
export function compactToJson(plan: CompactPlan, result: CompactResult | null, dryRun: boolean): string {
  return toOrderedJson({
    dry_run: dryRun,
    applied: result !== null,
    refused: plan.refused,
    verification: {
      passed: plan.verification.passed,
      entries_processed: plan.verification.entriesProcessed,
      critical_issues: plan.verification.criticalIssues,
    },
    seal: plan.seal ? { from: plan.seal.from, to: plan.seal.final, compression: plan.seal.compression } : null,
    remove: plan.remove.map((r) => ({ segment: r.segment, reason: r.reason, duplicates: [...r.duplicates] })),
    sealed: result?.sealed ?? null,
    removed: result ? [...result.removed] : [],
    position: positionOut(result?.position ?? plan.position),
  });
}
