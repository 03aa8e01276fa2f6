import type { DocumentOps } from '../store/document-ops.js';

/** What replaying one entry did, as the original counts it. */
export type ReplayOutcome =
  | { readonly kind: 'recovered' }
  | { readonly kind: 'skipped' }
  | { readonly kind: 'failed'; readonly reason: string };

export const RECOVERED: ReplayOutcome = { kind: 'recovered' };
export const SKIPPED: ReplayOutcome = { kind: 'skipped' };

export function failed(reason: string): ReplayOutcome {
  return { kind: 'failed', reason };
}

/** The text of the entry as replay needs it. */
export interface ReplayEntry {
  readonly entryType: 'Begin' | 'Insert' | 'Update' | 'Delete' | 'Commit' | 'Rollback';
  readonly transactionId: string;
  readonly documentId: string;
  readonly data: string | null;
}

/** Delete, the same in both modes: deleted when present (recovered), skipped when absent. */
export async function replayDelete(store: DocumentOps, id: string): Promise<ReplayOutcome> {
  const got = await store.getDocument(id);
  if (!got.ok) return failed(got.error.message);
  if (!got.value) return SKIPPED;
  const r = await store.applyOperation(id, { type: 'Delete' });
  return r.ok ? RECOVERED : failed(r.error.message);
}
