import { toOrderedJson, type OutValue } from '../../verify/ordered-json.js';
import type { DocumentChange, RecoveryPlan } from '../../recovery/recovery-types.js';

/** What a person should know about one change beyond its before and after, or undefined. */
export function changeNote(c: DocumentChange): string | undefined {
  const notes: string[] = [];
  if (c.operation === 'update' && c.rewritesSigned) notes.push('signed document: re-written unsigned');
  if (c.operation === 'delete' && c.before === null) notes.push('created and deleted by the log: only its soft-deleted copy is written');
  else if (c.operation !== 'delete' && c.deletedAfter !== undefined) notes.push('deleted and written again by the log: the old copy goes to .deleted/');
  return notes.length > 0 ? notes.join('; ') : undefined;
}

function changeOut(c: DocumentChange): OutValue {
  return {
    collection: c.collection, document_id: c.documentId, operation: c.operation, before: c.before, after: c.after,
    deleted_after: c.deletedAfter, note: changeNote(c),
  };
}

/**
 * The contract's shape: `{recovered_operations, skipped_operations, failed_operations,
 * failures, dropped_entries (committed-only), changes, lost, backup}`, then what we add:
 * `mode`, `committed_only`, `dry_run`, `flagged`, `notes`.
 */
export function recoveryOut(plan: RecoveryPlan, outcome: { dryRun: boolean; backup: string | null }): OutValue {
  return {
    recovered_operations: plan.counts.recovered,
    skipped_operations: plan.counts.skipped,
    failed_operations: plan.counts.failed,
    failures: plan.failures.map((f) => ({
      transaction_id: f.transactionId, document_id: f.documentId, operation_type: f.operationType, reason: f.reason,
      segment: f.segment, offset: f.offset,
    })),
    dropped_entries: plan.committedOnly ? plan.dropped.length : undefined,
    changes: plan.changes.map(changeOut),
    lost: plan.lost.map((l) => ({ segment: l.segment, offset: l.offset, length: l.length, damage: l.damage, detail: l.detail })),
    backup: outcome.backup,
    mode: plan.mode,
    committed_only: plan.committedOnly,
    dry_run: outcome.dryRun,
    flagged: plan.flagged.map((f) => ({
      transaction_id: f.transactionId, document_id: f.documentId, entry_type: f.entryType, collection: f.collection,
      segment: f.segment, offset: f.offset,
    })),
    notes: [...plan.notes],
  };
}

export function recoveryToJson(plan: RecoveryPlan, outcome: { dryRun: boolean; backup: string | null }): string {
  return toOrderedJson(recoveryOut(plan, outcome));
}
