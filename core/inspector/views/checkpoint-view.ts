import { toOrderedJson, type OutValue } from '../../verify/ordered-json.js';
import type { CheckpointResult, CompactBlocker, CompactPlan, CompactResult, LogPosition } from '../../checkpoint/checkpoint-types.js';

function positionOut(p: LogPosition): OutValue {
  return { segment: p.segment, offset: p.offset, entries: p.entries, segments: p.segments };
}

/** `checkpoint`: `{position: {segment, offset, entries, segments}, synced}`. */
export function checkpointToJson(r: CheckpointResult): string {
  return toOrderedJson({ position: positionOut(r.position), synced: r.synced });
}

function blockerOut(b: CompactBlocker): OutValue {
  return {
    kind: b.kind, description: b.description,
    ...(b.documentId !== undefined ? { document_id: b.documentId } : {}),
    ...(b.segment !== undefined ? { segment: b.segment, offset: b.offset ?? null } : {}),
  };
}

/**
 * `checkpoint --compact`: `{dry_run, applied, refused, blocked_by, blocked_total, writer_check,
 * verification, seal, remove, sealed, removed, kept, position}` — the preview, and what was
 * done when applied.
 */
export function compactToJson(plan: CompactPlan, result: CompactResult | null, dryRun: boolean): string {
  return toOrderedJson({
    dry_run: dryRun,
    applied: result !== null,
    refused: plan.refused,
    blocked_by: plan.blockers.map(blockerOut),
    blocked_total: plan.blockersTotal,
    writer_check: plan.writerCheck,
    verification: {
      passed: plan.verification.passed,
      entries_processed: plan.verification.entriesProcessed,
      critical_issues: plan.verification.criticalIssues,
    },
    seal: plan.seal ? { from: plan.seal.from, to: plan.seal.final, compression: plan.seal.compression } : null,
    remove: plan.remove.map((r) => ({ segment: r.segment, reason: r.reason, duplicates: [...r.duplicates] })),
    sealed: result?.sealed ?? null,
    removed: result ? [...result.removed] : [],
    kept: result ? result.kept.map((k) => ({ file: k.file, reason: k.reason })) : [],
    position: positionOut(result?.position ?? plan.position),
  });
}
