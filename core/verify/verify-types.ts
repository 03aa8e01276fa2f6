import type { DocumentOps } from '../store/document-ops.js';

/** Where an entry lies: its segment's file name and byte offset in the (decompressed) segment. */
export interface EntryPosition {
  readonly segment: string;
  readonly offset: number;
}

/** One issue as the original reports it, plus the entry it points at (when it has one). */
export interface VerifyIssue {
  readonly transactionId: string;
  readonly documentId: string;
  readonly description: string;
  readonly isCritical: boolean;
  readonly segment?: string;
  readonly offset?: number;
}

export type FindingKind =
  | 'unterminated-transaction'
  | 'uncommitted-on-disk'
  | 'deleted-still-on-disk'
  | 'unknown-documents'
  | 'false-alarm'
  | 'invalid-utf8-id'
  /** A transaction with an entry unverified (read from a damaged range) or a damaged range inside it. */
  | 'damaged-transaction';

/** Our own observations, beside the verdict: they never change `passed`. */
export interface Finding {
  readonly kind: FindingKind;
  readonly description: string;
  readonly transactionId?: string;
  readonly documentId?: string;
  readonly segment?: string;
  readonly offset?: number;
  /** For `false-alarm`: the index in `issues` of the issue explained. */
  readonly issue?: number;
  /** For `unknown-documents`: how many, and their ids (at most 1000). */
  readonly count?: number;
  readonly documentIds?: readonly string[];
}

export interface VerifyResult {
  /** No critical issue. */
  readonly passed: boolean;
  /** Entries read (damaged ranges not counted). */
  readonly entriesProcessed: number;
  /** Documents in the log's final state (the original's rules). */
  readonly affectedDocuments: number;
  /**
   * Per-entry issues in log order, then the final-check ones: all of them, or the first
   * `listed` of each severity when options.listed is given (issueCounts has the totals).
   */
  readonly issues: readonly VerifyIssue[];
  /** How many issues of each severity there are, listed or not (verifyLog always says). */
  readonly issueCounts?: { readonly critical: number; readonly warning: number };
  /** All findings, or the first `listed` of each kind when options.listed is given. */
  readonly findings: readonly Finding[];
  /** Findings found past the listing (`listed` of each kind): counted, not kept. */
  readonly unlistedFindings?: { readonly false_alarms: number; readonly other: number };
  /** False when no store was given: the final check against documents was not made. */
  readonly checkedAgainstStore: boolean;
  /** Documents whose last operation in the log, whatever its transaction's fate, is a Delete (verifyLog always says). */
  readonly deletedLast?: ReadonlySet<string>;
}

/** A store verification can compare with; listing lets it name documents the log never mentions. */
export type VerifyStore = DocumentOps & { listDocumentIds?(): Promise<string[]> };

export interface VerifyProgress {
  readonly phase: 'read' | 'compare';
  readonly done: number;
  readonly total?: number;
}

/**
 * Where an Insert/Update's data is checked: e.g. a thread that reads the chain ahead and
 * checks every entry's data on the second core (recovery's data-check-thread.ts has one).
 * Answers are matched by position, so an entry it did not read so is checked in place.
 */
export interface DataCheckSource {
  /** Waits until the entries from `first` to `last` (a batch about to be read) are answered, or the source stopped. */
  cover(first: EntryPosition, last: EntryPosition): Promise<void>;
  /** jsonDataError(data) of the entry at `at`: the source's answer, or checked now. */
  errorOf(at: EntryPosition & { readonly length: number }, data: string): string | undefined;
  close(): void;
}

export interface VerifyOptions {
  /** A new source of data checks for each read of the chain (default: every check in place). */
  readonly dataChecks?: () => Promise<DataCheckSource>;
  /**
   * Keep only the first this many issues of each severity (the others are counted): memory
   * then stays bounded however many issues a log has (a million bad lines). Default: all.
   */
  readonly listed?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: VerifyProgress) => void;
}

/**
 * A document's data in the log's state, with the entry that put it there. Kept as the entry's
 * text (known to parse): a parsed tree per live document took several times the memory.
 */
export interface StateEntry {
  readonly dataText: string;
  readonly transactionId: string;
  readonly at: EntryPosition;
}
