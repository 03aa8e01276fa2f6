import type { DocumentOps } from '../store/document-ops.js';

/** What replaying one entry did, as the original counts it. */
export type ReplayOutcome =
  | { readonly kind: 'recovered' }
  /** `reason`: why, in words (the preview lists skipped entries with it). */
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

export const RECOVERED: ReplayOutcome = { kind: 'recovered' };

/** Why entries are skipped, shared by both modes. */
export const SKIP = {
  control: 'Begin, Commit and Rollback entries change no document',
  noData: 'the entry carries no data',
  absent: 'the document is already absent',
} as const;

export function skipped(reason: string): ReplayOutcome {
  return { kind: 'skipped', reason };
}

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
  if (!got.value) return skipped(SKIP.absent);
  const r = await store.applyOperation(id, { type: 'Delete' });
  return r.ok ? RECOVERED : failed(r.error.message);
}
