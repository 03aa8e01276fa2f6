import type { CheckpointResult as CoreCheckpoint, CompactBlocker, CompactPlan, CompactResult, LogPosition as CorePosition } from '../../checkpoint/checkpoint-types.js';
import type { CheckpointBlocker, CheckpointPreview, CheckpointResult, LogPosition } from '../../contract/contract-jobs.js';

function positionView(p: CorePosition): LogPosition {
  return { segment: p.segment, offset: p.offset, entries: p.entries, segments: p.segments };
}

function blockerView(b: CompactBlocker): CheckpointBlocker {
  return {
    kind: b.kind, description: b.description,
    ...(b.documentId !== undefined ? { document_id: b.documentId } : {}),
    ...(b.segment !== undefined ? { segment: b.segment } : {}),
    ...(b.offset !== undefined ? { offset: b.offset } : {}),
  };
}

/** A plain checkpoint's preview: nothing verified, sealed or removed; where the log ends now. */
export function plainPreviewView(position: CorePosition): CheckpointPreview {
  return {
    compact: false, verify_passed: null, entries_processed: 0, critical_issues: 0, seal: null, remove: [], refused: null,
    blocked_by: [], blocked_total: 0, writer_check: null, position: positionView(position),
  };
}

/**
 * `checkpoint --compact`'s preview: the verdict, what would be sealed (`to` the rotated name,
 * `final` with the compression's extension) and removed, and every reason it is refused.
 */
export function compactPreviewView(p: CompactPlan): CheckpointPreview {
  return {
    compact: true, verify_passed: p.verification.passed, entries_processed: p.verification.entriesProcessed,
    critical_issues: p.verification.criticalIssues,
    seal: p.seal ? { segment: p.seal.from, from: p.seal.from, to: p.seal.to, final: p.seal.final, compression: p.seal.compression, entries: p.position.entries } : null,
    remove: p.remove.map((r) => ({ segment: r.segment, reason: r.reason, duplicates: [...r.duplicates] })),
    refused: p.refused,
    blocked_by: p.blockers.map(blockerView),
    blocked_total: p.blockersTotal,
    writer_check: p.writerCheck,
    position: positionView(p.position),
  };
}

/** A plain checkpoint done: synced (when there is an active segment), nothing sealed or removed. */
export function plainResultView(r: CoreCheckpoint): CheckpointResult {
  return { sealed: null, removed: [], kept: [], synced: r.synced, position: positionView(r.position) };
}

/** A compaction done: the sealed segment's final name, what was removed, what was kept and why. */
export function compactResultView(r: CompactResult, synced: boolean): CheckpointResult {
  return {
    sealed: r.sealed, removed: [...r.removed], kept: r.kept.map((k) => ({ file: k.file, reason: k.reason })),
    synced, position: positionView(r.position),
  };
}
