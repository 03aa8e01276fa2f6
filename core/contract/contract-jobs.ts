/**
 * Types of the contract's long-running operations: verify, recovery, checkpoint, export,
 * convert. Shapes and field names are those of the CLI's `--json` output (issue 4), so the
 * same objects print from `wal-inspector verify --json` and show in the UI.
 * Types only (browser build). Re-exported by `contract.ts`.
 */
import type { RepairItem } from './contract-repair.js';
import type { CompressionName, DamageKindName, RowFilter, RowSort, WalFormatName } from './contract-types.js';

/** Every long operation accepts a client-chosen job id: progress events carry it, job.cancel takes it. */
export interface JobArgs {
  /** Any unique string (e.g. crypto.randomUUID()); omit when you need no progress / cancel. */
  readonly job_id?: string;
}

// ---------------------------------------------------------------- verify

export interface VerifyArgs extends JobArgs {
  readonly session_id: string;
  /** Collection directory to check against; default: the session's collection_dir; null: log only. */
  readonly store?: string | null;
}

/** One issue of Sentinel's verdict, with the original's texts. */
export interface VerifyIssue {
  readonly transaction_id: string;
  readonly document_id: string;
  readonly description: string;
  readonly is_critical: boolean;
  /** Where the entry lies (absent for `final_check` issues). */
  readonly segment?: string;
  readonly offset?: number;
  /** Added by the service: the row of that entry in this session, when found. */
  readonly row?: number;
}

/** Our own findings beside the verdict (they never change `passed`). */
export interface VerifyFinding {
  readonly kind: 'unterminated-transaction' | 'uncommitted-on-disk' | 'deleted-still-on-disk' | 'unknown-documents' | 'false-alarm' | 'invalid-utf8-id'
    /** A document file whose `hash` is not the BLAKE3 of its data: changed outside Sentinel. */
    | 'document-changed'
    /** Signed documents whose signatures could not be checked (count), and why. */
    | 'signatures-not-checked'
    /** A document the log deletes whose last copy is in `.deleted/`. */
    | 'deleted-copy-kept'
    /** A transaction with an unverified or lost entry: a damaged range names it, or lies between its Begin and end. */
    | 'damaged-transaction';
  readonly description: string;
  /** info: unknown-documents, false-alarm, signatures-not-checked, deleted-copy-kept; warning: the others. */
  readonly severity: 'warning' | 'info';
  readonly transaction_id?: string;
  readonly document_id?: string;
  readonly segment?: string;
  readonly offset?: number;
  /** false-alarm: index in `issues` of the issue it explains. */
  readonly issue?: number;
  /** unknown-documents: how many, and their ids (at most 1000). */
  readonly count?: number;
  readonly document_ids?: readonly string[];
  /** Added by the service: the row of that entry in this session, when found. */
  readonly row?: number;
}

export interface VerifyReport {
  readonly passed: boolean;
  readonly entries_processed: number;
  readonly affected_documents: number;
  /**
   * Per-entry issues in log order, then the `final_check` ones: the first VERIFY_LISTED
   * critical issues and the first VERIFY_LISTED (contract.ts) warnings (a log can have millions; the
   * command line's `verify --json` lists them all). `issue_counts` has the totals.
   */
  readonly issues: readonly VerifyIssue[];
  readonly issue_counts: { readonly critical: number; readonly warning: number };
  /** The first VERIFY_LISTED findings of each kind (false alarms: of the issues listed). */
  readonly findings: readonly VerifyFinding[];
  /** How many findings there are: false alarms (shown with their issues) and the others. */
  readonly finding_counts: { readonly false_alarms: number; readonly other: number };
  /** false when no store was given: the final check against documents was not made. */
  readonly checked_against_store: boolean;
  /** The collection directory it was checked against, or null. */
  readonly store: string | null;
}

// ---------------------------------------------------------------- recovery

export type RecoveryMode = 'safe' | 'force';

export interface RecoveryPlanArgs extends JobArgs {
  readonly session_id: string;
  /** Collection directory to recover; default: the session's collection_dir. */
  readonly store?: string;
  readonly mode: RecoveryMode;
  /** Replay only committed transactions (default false). */
  readonly committed_only?: boolean;
  /** Replay the entries that one flipped bit explains, repaired (default false: they are lost ranges). */
  readonly include_repaired?: boolean;
  /**
   * Rehearse: recovery.apply writes the recovered collection as this new folder (absent, or an
   * empty directory) and never touches the store — a copy of its documents with the replayed
   * changes; then store.compare, restore.promote or restore.discard, as a restore's rehearsal.
   */
  readonly into?: string;
}

export interface RecoveryFailure {
  readonly transaction_id: string;
  readonly document_id: string;
  /** Insert, Update, Delete (or another entry type), or `read` for damage. */
  readonly operation_type: string;
  readonly reason: string;
  readonly segment: string;
  readonly offset: number;
  /** Added by the service: the row in this session, when found. */
  readonly row?: number;
}

/**
 * The net change to one document. `before` / `after` are the document data as pretty JSON
 * text (numbers exactly as stored; a JavaScript number would round some), null = absent.
 */
export interface DocumentChange {
  readonly collection: string;
  readonly document_id: string;
  readonly operation: 'insert' | 'update' | 'delete';
  readonly before: string | null;
  readonly after: string | null;
  /**
   * What `.deleted/<id>.json` will hold (pretty JSON text), when the recovery writes it: every
   * delete (one whose `before` is null was created and deleted by the log: only this copy is
   * written), and an insert or update of a document the log deleted first. Absent: `.deleted/`
   * is left alone.
   */
  readonly deleted_after?: string;
  /** What a person should know beyond before and after, e.g. 'signed document: re-written unsigned'. */
  readonly note?: string;
  /**
   * Entries of rolled-back or never-terminated transactions that the replay wrote into this
   * document (the first 20): present in every mode that is not committed-only.
   */
  readonly uncommitted?: readonly UncommittedEntry[];
  /** include_repaired: a repaired entry of this document is replayed. */
  readonly includes_repaired?: boolean;
}

/** An entry of a transaction that did not commit, replayed all the same. */
export interface UncommittedEntry {
  readonly transaction_id: string;
  readonly entry_type: 'Insert' | 'Update' | 'Delete';
  readonly fate: 'rolled-back' | 'unterminated';
  readonly segment: string;
  readonly offset: number;
  readonly row?: number;
}

/** An Insert/Update/Delete the replay skipped, with why in words. */
export interface SkippedEntry {
  readonly transaction_id: string;
  readonly document_id: string;
  readonly entry_type: string;
  readonly reason: string;
  readonly segment: string;
  readonly offset: number;
  readonly row?: number;
}

export interface LostRange {
  readonly segment: string;
  readonly offset: number;
  readonly length: number;
  readonly damage: DamageKindName;
  readonly detail: string;
  readonly row?: number;
}

/** An entry left out by committed_only. */
export interface DroppedEntry {
  readonly transaction_id: string;
  readonly document_id: string;
  readonly entry_type: 'Insert' | 'Update' | 'Delete';
  readonly fate: 'rolled-back' | 'unterminated';
  /** Same as entry_type (kept for the UI's table). */
  readonly operation_type: string;
  /** Plain words: 'rolled back' or 'never committed'. */
  readonly reason: string;
  readonly segment: string;
  readonly offset: number;
  readonly row?: number;
}

/** An entry whose `collection` field names another collection (applied here all the same). */
export interface FlaggedEntry {
  readonly transaction_id: string;
  readonly document_id: string;
  readonly entry_type: string;
  readonly collection: string;
  readonly segment: string;
  readonly offset: number;
  readonly row?: number;
}

/** The counts, failures, changes and lost ranges of a recovery: planned or applied. */
export interface RecoveryReport {
  readonly recovered_operations: number;
  readonly skipped_operations: number;
  readonly failed_operations: number;
  readonly failures: readonly RecoveryFailure[];
  /** committed_only only: how many entries were left out (listed in `dropped`). */
  readonly dropped_entries?: number;
  /** committed_only only: the entries left out. */
  readonly dropped?: readonly DroppedEntry[];
  readonly changes: readonly DocumentChange[];
  readonly lost: readonly LostRange[];
  /** Backup directory (apply), or null. */
  readonly backup: string | null;
  readonly mode: RecoveryMode;
  readonly committed_only: boolean;
  readonly dry_run: boolean;
  readonly flagged: readonly FlaggedEntry[];
  /** The first 2,000 skipped Insert/Update/Delete entries, each with why (skipped_operations counts them all). */
  readonly skipped?: readonly SkippedEntry[];
  /** Every skipped entry by reason (Begin/Commit/Rollback included): the counts sum to skipped_operations. */
  readonly skipped_by_reason?: readonly { readonly reason: string; readonly count: number }[];
  /** Plain-language notes (e.g. how force differs from the original). */
  readonly notes: readonly string[];
  /** The collection recovered (its name). */
  readonly collection: string;
  /** Set when repaired entries were asked for (true), or could have been (false: `notes` says how many). */
  readonly include_repaired?: boolean;
  /** include_repaired: the entries read back by flipping one bit, replayed like the others. */
  readonly repaired_entries?: readonly RepairItem[];
  /** A rehearsal (recovery.plan with `into`): the new folder written instead of the store, which is not touched. */
  readonly into?: string;
}

/** Older name of RecoveryReport (the counts, failures, changes and lost ranges). */
export type RecoveryCounts = RecoveryReport;

/** What a recovery would do: what `recover --dry-run --json` prints; recovery.plan adds its plan_id. */
export interface RecoveryPreview extends RecoveryReport {
  /** The collection directory the plan is for. */
  readonly store: string;
  /** = flagged.length: entries whose collection field differs (applied anyway). */
  readonly foreign_collection_entries: number;
}

export interface RecoveryPlan extends RecoveryPreview {
  /** Pass to recovery.apply. Valid until the session closes or the plan is applied. */
  readonly plan_id: string;
}

export interface RecoveryApplyArgs extends JobArgs {
  readonly session_id: string;
  readonly plan_id: string;
  /** Default true: copy every file it will change into a timestamped backup directory first. */
  readonly backup?: boolean;
}

/** What `recover --yes --json` prints and recovery.apply answers. */
export interface RecoveryResult extends RecoveryReport {
  /** Documents written, moved or removed. */
  readonly applied: number;
  /** Signed documents that were re-written unsigned (we hold no key). */
  readonly unsigned_rewrites: readonly string[];
}

// ---------------------------------------------------------------- checkpoint

export interface CheckpointPlanArgs extends JobArgs {
  readonly session_id: string;
  /** Seal the active segment as a rotated one (default false: flush + fsync only, nothing to plan). */
  readonly compact?: boolean;
  /** Compression of the sealed segment (default none). */
  readonly compression?: CompressionName;
  /** Remove sealed segments rotated more than this many ms ago. */
  readonly remove_older_than_ms?: number;
  /** Keep at most this many sealed segments (the newest). */
  readonly keep_segments?: number;
}

/** Where the log ends. */
export interface LogPosition {
  /** The active segment's name; null when the chain has none. */
  readonly segment: string | null;
  /** Its size: where the next entry will be written. */
  readonly offset: number;
  readonly entries: number;
  readonly segments: number;
}

/**
 * A checkpoint's preview: what `checkpoint --compact --dry-run --json` prints; checkpoint.plan
 * adds its plan_id.
 */
export interface CheckpointPreview {
  readonly compact: boolean;
  /** Sentinel's verdict against the store; null when nothing was verified (a plain checkpoint only flushes and syncs). */
  readonly verify_passed: boolean | null;
  readonly entries_processed: number;
  readonly critical_issues: number;
  /** The active segment and the name it will get (`final` with the compression's extension); null: nothing to seal. */
  readonly seal: {
    /** The active segment (same as `from`). */
    readonly segment: string;
    readonly from: string;
    readonly to: string;
    readonly final: string;
    readonly compression: CompressionName;
    /** Intact entries in it. */
    readonly entries: number;
  } | null;
  readonly remove: readonly { readonly segment: string; readonly reason: 'age' | 'count'; readonly duplicates: readonly string[] }[];
  /** Why it refuses (e.g. critical verification issues); null when it can apply. */
  readonly refused: string | null;
  /**
   * The reasons one by one, each with the entry it is about when there is one (the store's
   * findings: the first 100 of `blocked_total`). kind: critical-issues, uncommitted-on-disk,
   * deleted-still-on-disk, deleted-copy-missing, deleted-copy-unreadable, deleted-copy-differs,
   * log-in-use, symlink.
   */
  readonly blocked_by: readonly CheckpointBlocker[];
  readonly blocked_total: number;
  /**
   * How other processes writing the log were looked for: 'proc' (Linux: every process's
   * descriptors), 'unavailable' (no /proc: only our writer lock, and apply keeps files that
   * change); null for a plain checkpoint, which writes nothing.
   */
  readonly writer_check: 'proc' | 'unavailable' | null;
  readonly position: LogPosition;
}

export interface CheckpointPlan extends CheckpointPreview {
  readonly plan_id: string;
}

export interface CheckpointBlocker {
  readonly kind: string;
  readonly description: string;
  readonly document_id?: string;
  readonly segment?: string;
  readonly offset?: number;
}

export interface CheckpointApplyArgs extends JobArgs {
  readonly session_id: string;
  readonly plan_id: string;
}

export interface CheckpointResult {
  readonly sealed: string | null;
  readonly removed: readonly string[];
  /** Files the plan named but that were left in place because they changed after being read. */
  readonly kept: readonly { readonly file: string; readonly reason: string }[];
  /** Active segment and directory fsynced. */
  readonly synced: boolean;
  readonly position: LogPosition;
}

// ---------------------------------------------------------------- export, convert

export interface ExportArgs extends JobArgs {
  readonly session_id: string;
  /** Rows to export (same meaning as rows.page); absent = all rows. */
  readonly filter?: RowFilter;
  readonly sort?: RowSort;
  /** jsonl: one object per row as `dump --format jsonl` prints it; csv: RFC 4180 with a header. */
  readonly format: 'jsonl' | 'csv';
  /** Output file; must not exist (never overwritten; written atomically). */
  readonly path: string;
}

export interface ExportResult {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
}

/** export.download: the rows export.rows would write, fetched by the browser instead (browser mode). */
export interface ExportDownloadArgs {
  readonly session_id: string;
  readonly filter?: RowFilter;
  readonly sort?: RowSort;
  readonly format: 'jsonl' | 'csv';
}

export interface ExportDownload {
  /** Path to GET on the same server (HTTP_DOWNLOAD_PATH + a one-time ticket): works once, until expires_at. */
  readonly url: string;
  /** The name the browser saves it under (Content-Disposition). */
  readonly file_name: string;
  /** ms since the epoch. */
  readonly expires_at: number;
}

export interface ConvertArgs extends JobArgs {
  readonly session_id: string;
  /** Target format of the whole chain's intact entries, in replay order. */
  readonly format: WalFormatName;
  /** Output file; must not exist. */
  readonly path: string;
}

export interface ConvertResult {
  readonly path: string;
  readonly entries: number;
  /** Damaged ranges left out (counted; listed in `skipped`). */
  readonly skipped_damage: number;
  readonly skipped: readonly ConvertSkipped[];
  readonly bytes: number;
  /** Entries whose ids are not valid UTF-8: JSON Lines holds them with U+FFFD (always 0 to binary). */
  readonly lossy_ids: number;
}

/** A damaged range of the input whose bytes are not in the output. */
export interface ConvertSkipped {
  readonly segment: string;
  readonly offset: number;
  readonly length: number;
  readonly damage: DamageKindName;
  readonly detail: string;
}

// ---------------------------------------------------------------- jobs

export interface JobProgress {
  readonly job_id: string;
  /** The operation running, e.g. 'verify.run'. */
  readonly operation: string;
  readonly done: number;
  /** null when unknown. */
  readonly total: number | null;
  readonly unit: 'bytes' | 'entries' | 'rows' | 'files';
  readonly message: string | null;
}
