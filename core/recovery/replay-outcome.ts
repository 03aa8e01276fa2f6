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
