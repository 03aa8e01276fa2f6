/**
 * Rehearse, compare, promote, discard (issue 14): a restore written into a new folder
 * (restore.plan with `into`, then restore.apply) — or a recovery (recovery.plan with `into`,
 * then recovery.apply) — what it differs from the live store (store.compare), then the same
 * plan applied to the live store (restore.promote) or the folder removed (restore.discard).
 */
import type { RestoreApplied, RestoreReport } from './contract-history.js';
import type { RecoveryPreview } from './contract-jobs.js';

/** store.compare: the live store (a collection directory or store root) against a rehearsal of it. */
export interface StoreCompareArgs {
  readonly job_id?: string;
  /** The live store: its layout decides which directories are paired. */
  readonly left: string;
  /** The rehearsal (`restore --into`'s folder). */
  readonly right: string;
  /** The first difference of the page (default 0) and how many (default 50, at most 500). */
  readonly offset?: number;
  readonly limit?: number;
}

/** One document that differs, from the live store (left) to the rehearsal (right). */
export interface DocumentDifference {
  readonly collection: string;
  readonly document_id: string;
  /** added: only in the rehearsal; removed: only in the live store. */
  readonly kind: 'added' | 'removed' | 'changed';
  /** The document's data as pretty JSON (numbers as stored); null where absent, unreadable or over 256 KiB. */
  readonly left: string | null;
  readonly right: string | null;
  readonly left_bytes: number | null;
  readonly right_bytes: number | null;
  /** JSON paths whose values differ (`$.a.b`; `$` the whole document), the first 100 of paths_total. */
  readonly paths: readonly string[];
  readonly paths_total: number;
  /** Why a side's data is not shown, or that only the metadata differs. */
  readonly note?: string;
}

/** A page of differences; the counts cover every document of both. */
export interface StoreComparison {
  readonly left: string;
  readonly right: string;
  readonly same: number;
  readonly changed: number;
  readonly added: number;
  readonly removed: number;
  readonly offset: number;
  readonly differences: readonly DocumentDifference[];
  /** More differences after this page. */
  readonly truncated: boolean;
}

/** restore.promote / restore.discard: the rehearsal a restore.apply or recovery.apply of an `into` plan wrote in this session. */
export interface RehearsalArgs {
  readonly session_id: string;
  readonly job_id?: string;
  readonly plan_id: string;
  /** promote: copy every file it changes into `.backups/` first (default true). */
  readonly backup?: boolean;
}

/**
 * A recovery's plan applied exactly (what `apply FILE --json` prints for a recover plan, and
 * restore.promote answers for a recovery's rehearsal): each collection's preview, then what was written.
 */
export interface RecoverPlanApplied {
  readonly kind: 'recover';
  readonly store: string;
  readonly collections: readonly RecoveryPreview[];
  readonly applied: RestoreApplied;
}

/**
 * restore.promote: the same plan applied to the live store (refused if its log or documents
 * changed since): a restore's report, or a recovery's (`kind: "recover"`). Both say in `applied`
 * what was written and where the backups are.
 */
export type RestorePromoteResult = RestoreReport | RecoverPlanApplied;

export interface RestoreDiscardResult {
  /** The rehearsal folder removed. */
  readonly removed: string;
}
