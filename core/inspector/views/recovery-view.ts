import type {
  DocumentChange as ChangeView, DroppedEntry as DroppedView, RecoveryPreview, RecoveryReport, RecoveryResult,
} from '../../contract/contract-jobs.js';
import { parseJson, toCompactText, toPrettyText, type JsonValue } from '../../json/index.js';
import type { DocumentChange, DroppedEntry, RecoveryApplyResult, RecoveryPlan } from '../../recovery/recovery-types.js';

/** What a person should know about one change beyond its before and after, or undefined. */
export function changeNote(c: DocumentChange): string | undefined {
  const notes: string[] = [];
  if (c.operation === 'update' && c.rewritesSigned) notes.push('signed document: re-written unsigned');
  if (c.operation === 'delete' && c.before === null) notes.push('created and deleted by the log: only its soft-deleted copy is written');
  else if (c.operation !== 'delete' && c.deletedAfter !== undefined) notes.push('deleted and written again by the log: the old copy goes to .deleted/');
  return notes.length > 0 ? notes.join('; ') : undefined;
}

// Document data crosses as pretty text: a JavaScript number would round some of them.
const text = (v: JsonValue | null): string | null => (v === null ? null : toPrettyText(v));

/** One line of a document's pretty text, numbers exactly as stored (what the human plan shows). */
export function compactDocumentText(pretty: string): string {
  const parsed = parseJson(pretty);
  return parsed.ok ? toCompactText(parsed.value) : pretty;
}

export function changeView(c: DocumentChange): ChangeView {
  const note = changeNote(c);
  return {
    collection: c.collection, document_id: c.documentId, operation: c.operation, before: text(c.before), after: text(c.after),
    ...(c.deletedAfter !== undefined ? { deleted_after: toPrettyText(c.deletedAfter) } : {}),
    ...(note !== undefined ? { note } : {}),
    ...(c.uncommitted ? {
      uncommitted: c.uncommitted.map((m) => ({ transaction_id: m.transactionId, entry_type: m.entryType, fate: m.fate, segment: m.segment, offset: m.offset })),
    } : {}),
  };
}

function droppedView(d: DroppedEntry): DroppedView {
  return {
    transaction_id: d.transactionId, document_id: d.documentId, entry_type: d.entryType, fate: d.fate, operation_type: d.entryType,
    reason: d.fate === 'rolled-back' ? 'rolled back' : 'never committed', segment: d.segment, offset: d.offset,
  };
}

/**
 * The contract's report of a plan: the original's counts and failures, then the committed-only
 * count with its list beside it, the changes, the lost ranges, the backup, then what we add.
 */
function reportView(plan: RecoveryPlan, outcome: { dryRun: boolean; backup: string | null }): RecoveryReport {
  return {
    recovered_operations: plan.counts.recovered,
    skipped_operations: plan.counts.skipped,
    failed_operations: plan.counts.failed,
    failures: plan.failures.map((f) => ({
      transaction_id: f.transactionId, document_id: f.documentId, operation_type: f.operationType, reason: f.reason,
      segment: f.segment, offset: f.offset,
    })),
    ...(plan.committedOnly ? { dropped_entries: plan.dropped.length, dropped: plan.dropped.map(droppedView) } : {}),
    changes: plan.changes.map(changeView),
    lost: plan.lost.map((l) => ({ segment: l.segment, offset: l.offset, length: l.length, damage: l.damage, detail: l.detail })),
    backup: outcome.backup,
    mode: plan.mode,
    committed_only: plan.committedOnly,
    dry_run: outcome.dryRun,
    flagged: plan.flagged.map((f) => ({
      transaction_id: f.transactionId, document_id: f.documentId, entry_type: f.entryType, collection: f.collection,
      segment: f.segment, offset: f.offset,
    })),
    skipped: plan.skipped.map((k) => ({
      transaction_id: k.transactionId, document_id: k.documentId, entry_type: k.entryType, reason: k.reason, segment: k.segment, offset: k.offset,
    })),
    skipped_by_reason: plan.skippedByReason.map((r) => ({ reason: r.reason, count: r.count })),
    notes: [...plan.notes],
    collection: plan.collection,
  };
}

/** recovery.plan (without its plan_id) and `recover --dry-run --json`. */
export function recoveryPreviewView(plan: RecoveryPlan, store: string): RecoveryPreview {
  return { ...reportView(plan, { dryRun: true, backup: null }), store, foreign_collection_entries: plan.flagged.length };
}

/** recovery.apply and `recover --yes --json`. */
export function recoveryResultView(done: RecoveryApplyResult): RecoveryResult {
  const unsigned = done.plan.changes.filter((c) => c.operation === 'update' && c.rewritesSigned).map((c) => c.documentId);
  return { ...reportView(done.plan, { dryRun: false, backup: done.backup }), applied: done.applied, unsigned_rewrites: unsigned };
}
