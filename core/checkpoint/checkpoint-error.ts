import { CodedError } from '../errors/coded-error.js';

/** Stable codes of checkpoint's own refusals (messages may change, codes do not). */
export type CheckpointErrorCode =
  /** Another process writes the log (holds a segment open for writing, or our writer lock). */
  | 'LOG_IN_USE'
  /** A directory or segment checkpoint would write is a symbolic link. */
  | 'LINK_REFUSED';

export interface CheckpointErrorContext {
  readonly file?: string;
  /** LOG_IN_USE: the process writing the log (the first one found), when known. */
  readonly pid?: number;
  readonly cause?: unknown;
}

export class CheckpointError extends CodedError<CheckpointErrorCode, CheckpointErrorContext> {
  override readonly name = 'CheckpointError';
}
