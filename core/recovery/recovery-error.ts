import { CodedError } from '../errors/coded-error.js';

/** Stable codes of the errors recovery and checkpoint raise (messages may change, codes do not). */
export type RecoveryErrorCode =
  /** Another recovery of the collection holds its lock (context: the lock file and its pid). */
  | 'LOCKED'
  /** A file the plan will change is not what it was when the plan was made. */
  | 'STORE_CHANGED'
  /** The plan was made for another collection, or names a document id that is not valid. */
  | 'INVALID_PLAN'
  /** The backup could not be written (a full disk): nothing was changed, the partial backup removed. */
  | 'BACKUP_FAILED'
  /** A write failed part-way; the backup holds the files as they were. */
  | 'APPLY_FAILED'
  /** A directory recovery writes into (`.deleted/`, `.backups/`) is a symbolic link or not a directory. */
  | 'UNSAFE_DIRECTORY'
  /** Verification has critical issues: compaction would drop entries the store does not reflect. */
  | 'NOT_VERIFIED';

export interface RecoveryErrorContext {
  readonly file?: string;
  readonly documentId?: string;
  readonly backup?: string | null;
  /** LOCKED: the process holding the lock. */
  readonly pid?: number;
  /** APPLY_FAILED: documents written, moved or removed before it stopped. */
  readonly applied?: number;
  /** APPLY_FAILED: documents the plan changes. */
  readonly planned?: number;
  /** APPLY_FAILED: the ids of the documents written (the first 1,000), in the order they were finished. */
  readonly written?: readonly string[];
  readonly cause?: unknown;
}

export class RecoveryError extends CodedError<RecoveryErrorCode, RecoveryErrorContext> {
  override readonly name = 'RecoveryError';
}
