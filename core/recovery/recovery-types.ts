import type { JsonValue } from '../json/index.js';
import type { StoredDocument } from '../store/document-ops.js';
import type { TransactionFate } from '../verify/transaction-fates.js';
import type { EntryType } from '../wal/entry-type.js';
import type { DamageKind, WalRecord } from '../wal/records.js';
import type { DataChecks } from './data-check-thread.js';

export type RecoveryMode = 'safe' | 'force';

/** The records of the chain in replay order; called once per pass (committed-only reads twice). */
export type RecordSource = () => AsyncIterable<WalRecord> | Iterable<WalRecord>;

export interface RecoveryProgress {
  readonly phase: 'scan' | 'replay' | 'check' | 'backup' | 'write';
  readonly done: number;
  readonly total?: number;
}

export interface PlanOptions {
  readonly mode: RecoveryMode;
  /** Replay only committed work (FORMAT.md, "Recovery"); off by default, as in the original. */
  readonly committedOnly?: boolean;
  /** Skipped entries listed (default 2,000; the others are counted by reason). */
  readonly listed?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RecoveryProgress) => void;
  /** Force mode: where the data of each Insert/Update is checked (data-check-thread.ts; default: in place). */
  readonly dataChecks?: () => Promise<DataChecks>;
}

/** An entry that failed, as the original reports it, with where it lies. */
export interface RecoveryFailure {
  readonly transactionId: string;
  readonly documentId: string;
  /** `Insert`, `Update`, `Delete` (or another entry type), or `read` for damage. */
  readonly operationType: EntryType | 'read';
  readonly reason: string;
  readonly segment: string;
  readonly offset: number;
}

/** A damaged byte range: the entries in it are lost. */
export interface LostRange {
  readonly segment: string;
  readonly offset: number;
  readonly length: number;
  readonly damage: DamageKind;
  readonly detail: string;
}

/** An entry left out by the committed-only option. */
export interface DroppedEntry {
  readonly transactionId: string;
  readonly documentId: string;
  readonly entryType: 'Insert' | 'Update' | 'Delete';
  readonly fate: Exclude<TransactionFate, 'committed'>;
  readonly segment: string;
  readonly offset: number;
}

/** An entry whose collection field names another collection (it is applied here all the same). */
export interface FlaggedEntry {
  readonly transactionId: string;
  readonly documentId: string;
  readonly entryType: EntryType;
  readonly collection: string;
  readonly segment: string;
  readonly offset: number;
}

/** An entry of a rolled-back or never-terminated transaction that the replay wrote into a document. */
export interface UncommittedMark {
  readonly transactionId: string;
  readonly fate: Exclude<TransactionFate, 'committed'>;
  readonly entryType: 'Insert' | 'Update' | 'Delete';
  readonly segment: string;
  readonly offset: number;
}

/** An Insert/Update/Delete the replay skipped, and why. */
export interface SkippedEntry {
  readonly transactionId: string;
  readonly documentId: string;
  readonly entryType: EntryType;
  readonly reason: string;
  readonly segment: string;
  readonly offset: number;
}

interface ChangeBase {
  readonly collection: string;
  readonly documentId: string;
  /**
   * Entries of rolled-back or never-terminated transactions among those that made this change
   * (the first few): a replay that is not committed-only applies them like any other.
   */
  readonly uncommitted?: readonly UncommittedMark[];
  /**
   * The data `.deleted/<id>.json` will hold, when the recovery writes it (every delete, and an
   * insert or update of a document the log deleted first); absent: `.deleted/` is left alone.
   */
  readonly deletedAfter?: JsonValue;
}

/** The net change of one document: what a UI shows as a diff. */
export type DocumentChange =
  | (ChangeBase & { readonly operation: 'insert'; readonly before: null; readonly after: JsonValue })
  | (ChangeBase & {
      readonly operation: 'update';
      readonly before: JsonValue;
      readonly after: JsonValue;
      /** The document is signed; it will be written unsigned (we hold no key). */
      readonly rewritesSigned: boolean;
    })
  /** `before` null: the log created and deleted the document; only its soft-deleted copy is written. */
  | (ChangeBase & { readonly operation: 'delete'; readonly before: JsonValue | null; readonly after: null });

/** What apply checks and uses per changed document (internal to plan → apply). */
export interface ChangeBasis {
  /** Fingerprint of `<id>.json` when planned; null when it did not exist. */
  readonly live: string | null;
  /** Present when apply writes `.deleted/<id>.json`: its fingerprint when planned (null: none). */
  readonly deleted?: string | null;
  /** The copy to leave in `.deleted/`; absent: the live file as planned (moved or copied there). */
  readonly deletedCopy?: StoredDocument;
  /** The log deleted the document before writing it again: it is written as a new document. */
  readonly recreated?: boolean;
}

export interface RecoveryCounts {
  readonly recovered: number;
  readonly skipped: number;
  readonly failed: number;
}

/** What a recovery would do. Computing it writes nothing. */
export interface RecoveryPlan {
  readonly mode: RecoveryMode;
  readonly committedOnly: boolean;
  readonly collection: string;
  /** The original's counts. recovered + skipped + failed (+ dropped) = entries + damaged ranges. */
  readonly counts: RecoveryCounts;
  readonly failures: readonly RecoveryFailure[];
  readonly changes: readonly DocumentChange[];
  readonly lost: readonly LostRange[];
  /** Committed-only: entries left out (empty otherwise). */
  readonly dropped: readonly DroppedEntry[];
  readonly flagged: readonly FlaggedEntry[];
  /** The first skipped Insert/Update/Delete entries (PlanOptions.listed), with why. */
  readonly skipped: readonly SkippedEntry[];
  /** Every skipped entry counted by reason, Begin/Commit/Rollback included (in order of first use). */
  readonly skippedByReason: readonly { readonly reason: string; readonly count: number }[];
  readonly notes: readonly string[];
  /** Entries read (damaged ranges not counted). */
  readonly entries: number;
  readonly basis: ReadonlyMap<string, ChangeBasis>;
}

export interface ApplyOptions {
  /** Copy every file it will change into a backup directory first (default true). */
  readonly backup?: boolean;
  /** Where backups go; default `<collection>/.backups/`. */
  readonly backupRoot?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RecoveryProgress) => void;
  /** Documents written at a time (default 16). */
  readonly concurrency?: number;
}

export interface RecoveryApplyResult {
  readonly plan: RecoveryPlan;
  /** The backup directory, null when backups were turned off or nothing changed. */
  readonly backup: string | null;
  /** Documents written, moved or removed. */
  readonly applied: number;
}
