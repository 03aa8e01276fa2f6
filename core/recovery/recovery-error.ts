import { CodedError } from '../errors/coded-error.js';

/** Stable codes of the errors recovery and checkpoint raise (messages may change, codes do not). */
export type RecoveryErrorCode =
  /** A file the plan will change is not what it was when the plan was made. */
  | 'STORE_CHANGED'
  /** The plan was made for another collection, or names a document id that is not valid. */
  | 'INVALID_PLAN'
  /** A write failed part-way; the backup holds the files as they were. */
  | 'APPLY_FAILED'
  /** Verification has critical issues: compaction would drop entries the store does not reflect. */
  | 'NOT_VERIFIED';

export interface RecoveryErrorContext {
  readonly file?: string;
  readonly documentId?: string;
  readonly backup?: string | null;
  readonly cause?: unknown;
}

export class RecoveryError extends CodedError<RecoveryErrorCode, RecoveryErrorContext> {
  override readonly name = 'RecoveryError';
}
