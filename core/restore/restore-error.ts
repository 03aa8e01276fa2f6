import { CodedError } from '../errors/coded-error.js';

/** Stable codes of the errors restore planning, plan files and apply raise. */
export type RestoreErrorCode =
  /** A plan file does not parse or is not a plan this version writes. */
  | 'INVALID_PLAN'
  /** A log byte range the plan was made from reads differently now: plan again. */
  | 'PLAN_STALE'
  /** A document file is neither as planned nor as the plan leaves it: plan again. */
  | 'STORE_CHANGED'
  /** `--into` or `--plan-out` names something that exists: never overwritten. */
  | 'DESTINATION_EXISTS'
  /** A write failed part-way; apply the plan again to finish (done operations are recognised). */
  | 'APPLY_FAILED'
  /** A rehearsal folder is not as it was written: discarding it would remove someone's files. */
  | 'REHEARSAL_CHANGED'
  /** `--store` is neither a collection nor a store root, or names no collection with a log. */
  | 'NOT_A_STORE';

export interface RestoreErrorContext {
  readonly file?: string;
  readonly collection?: string;
  readonly documentId?: string;
  readonly offset?: number;
  readonly applied?: number;
  readonly cause?: unknown;
}

export class RestoreError extends CodedError<RestoreErrorCode, RestoreErrorContext> {
  override readonly name = 'RestoreError';
}
