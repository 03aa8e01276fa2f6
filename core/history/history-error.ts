import { CodedError } from '../errors/coded-error.js';

/** Stable codes of the errors document history and restore raise (messages may change, codes do not). */
export type HistoryErrorCode =
  /** A --until / --exclude-range / --document value that does not parse. */
  | 'INVALID_TARGET'
  /** A segment:offset or transaction id target that the chain does not hold. */
  | 'TARGET_NOT_FOUND'
  /** A combination of options that cannot be honoured (e.g. a position target on a store of several collections). */
  | 'INVALID_ARGUMENT';

export interface HistoryErrorContext {
  readonly file?: string;
  readonly segment?: string;
  readonly offset?: number;
  readonly documentId?: string;
  readonly transactionId?: string;
  readonly cause?: unknown;
}

export class HistoryError extends CodedError<HistoryErrorCode, HistoryErrorContext> {
  override readonly name = 'HistoryError';
}
