/**
 * Types of document history and restore (issue 14): what `history --json`, `restore --json`
 * and `apply --json` print. Browser-safe: types only.
 */

import type { RepairItem } from './contract-repair.js';

/** What became of an entry's transaction; `standalone`: its id has no Begin (as Sentinel writes them). */
export type HistoryTransactionStatus = 'committed' | 'rolled-back' | 'never-terminated' | 'standalone';

/** One version of a document: an entry and the state after it (compact JSON text; null: absent). */
export interface HistoryVersionView {
  readonly segment: string;
  readonly offset: number;
  /** Milliseconds since the epoch, as a decimal string (u64, exact past 2^53). */
  readonly timestamp: string;
  readonly entry_type: 'Insert' | 'Update' | 'Delete';
  readonly transaction_id: string;
  readonly transaction_status: HistoryTransactionStatus;
  /** The document's data after the entry as compact JSON text (numbers as stored), null when absent. */
  readonly state: string | null;
  /** Set when the entry's data cannot be read; the state is then the one before it. */
  readonly unreadable?: string;
}

export interface DocumentHistoryView {
  readonly document_id: string;
  readonly collection: string | null;
  /** Starts with an Insert and every entry reads: every state is known. */
  readonly complete: boolean;
  readonly versions: readonly HistoryVersionView[];
}

/** What a restore selected, as it was asked for. */
export interface RestoreSelection {
  readonly until?: string;
  readonly exclusive?: boolean;
  readonly exclude_tx?: readonly string[];
  readonly exclude_range?: string;
  readonly document?: string;
  readonly on_conflict: 'keep' | 'later' | 'excluded';
  /** Rolled-back and never-terminated transactions: left out (the default) or kept. */
  readonly uncommitted: 'excluded' | 'included';
}

export interface RestoreChangeView {
  readonly collection: string;
  readonly document_id: string;
  readonly operation: 'insert' | 'update' | 'delete';
  /** Pretty JSON text of the data (numbers as stored), null = absent. */
  readonly before: string | null;
  readonly after: string | null;
  readonly note?: string;
  /** include_repaired: a repaired entry of this document (read back by flipping one bit) is part of its history. */
  readonly includes_repaired?: boolean;
}

/** include_repaired: an entry read back by flipping one bit of a damaged range, in the collection whose log holds it. */
export type RestoreRepairedEntry = RepairItem & { readonly collection: string };

export interface RestoreConflictView {
  readonly collection: string;
  readonly document_id: string;
  /** JSON paths both touched (`$`: the whole document). */
  readonly paths: readonly string[];
  /** The later transactions whose changes touch them. */
  readonly transactions: readonly string[];
  readonly excluded_transactions: readonly string[];
  /** keep: left as it is; later: the later value kept; excluded: the later change dropped. */
  readonly resolution: 'keep' | 'later' | 'excluded';
}

export interface RestoreIncompleteView {
  readonly collection: string;
  readonly document_id: string;
  readonly reason: string;
}

/** What `restore --json` prints: the preview, or what was applied. */
export interface RestoreReport {
  readonly store: string;
  readonly collections: readonly string[];
  /** The new directory the result goes to (the live store is not touched), or null. */
  readonly into: string | null;
  readonly selection: RestoreSelection;
  readonly changes: readonly RestoreChangeView[];
  readonly conflicts: readonly RestoreConflictView[];
  /** Ids of the documents whose history is incomplete (never written). */
  readonly incomplete: readonly string[];
  readonly incomplete_documents: readonly RestoreIncompleteView[];
  /** Entries left out by --exclude-tx / --exclude-range. */
  readonly excluded_entries: number;
  /** Entries of rolled-back or never-terminated transactions (left out unless uncommitted is included). */
  readonly uncommitted_entries: number;
  readonly entries_read: number;
  readonly damaged_ranges: number;
  readonly notes: readonly string[];
  /** Set when repaired entries were asked for (true), or could have been (false: `notes` says how many). */
  readonly include_repaired?: boolean;
  /** include_repaired: the entries read back by flipping one bit, part of the histories like the others. */
  readonly repaired_entries?: readonly RestoreRepairedEntry[];
  readonly dry_run: boolean;
  /** Set once applied. */
  readonly applied?: RestoreApplied;
}

export interface RestoreApplied {
  /** Documents written, moved or removed by this run. */
  readonly written: number;
  /** Operations found already done (a resumed apply). */
  readonly already_done: number;
  /** Backup directories made (one per collection changed), none for --into or --no-backup. */
  readonly backups: readonly string[];
  readonly into: string | null;
  readonly plan_file: string | null;
}

// ---------------------------------------------------------------- operations

/** history.get: one document's history, from the session's index (its rows only are read back). */
export interface HistoryGetArgs {
  readonly session_id: string;
  readonly document_id: string;
}

/** restore.plan: what `restore`'s options say, for the session's store (default its collection directory). */
export interface RestorePlanArgs {
  readonly session_id: string;
  readonly job_id?: string;
  /** A collection directory or a store root; default the session's collection directory. */
  readonly store?: string;
  readonly collection?: string;
  /** Exactly one of until, exclude_tx, exclude_range. */
  readonly until?: string;
  readonly exclusive?: boolean;
  readonly exclude_tx?: readonly string[];
  readonly exclude_range?: string;
  readonly document?: string;
  readonly on_conflict?: 'later' | 'excluded';
  readonly include_uncommitted?: boolean;
  /** Replay the entries one flipped bit explains, repaired (default false: they are lost ranges). */
  readonly include_repaired?: boolean;
  /** Rehearse: write the result as this new directory, never touching the store. */
  readonly into?: string;
}

/** The preview, and the id restore.apply takes (valid until the session closes or a newer restore preview replaces it). */
export type RestorePlanResult = RestoreReport & { readonly plan_id: string };

export interface RestoreApplyArgs {
  readonly session_id: string;
  readonly job_id?: string;
  readonly plan_id: string;
  readonly backup?: boolean;
}
