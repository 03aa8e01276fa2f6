import type { CompactPlan } from '../checkpoint/checkpoint-types.js';
import type { Compression } from '../wal/compression/compression.js';
import type { LogLocation } from '../wal/log-location.js';
import type { InspectorError } from '../contract/contract-errors.js';
import type { JobProgress, VerifyReport } from '../contract/contract-jobs.js';
import type { VerifyListed } from './views/verify-view.js';

/** Heavy work a job runs off the service's thread (job-worker.ts): plain data both ways. */
export type WorkerTask =
  | {
    readonly kind: 'verify'; readonly location: LogLocation; readonly store: string | null;
    readonly listed: VerifyListed; readonly readTotal: number;
  }
  | {
    readonly kind: 'compact-plan'; readonly location: LogLocation;
    readonly compression?: Compression; readonly maxAgeSecs?: number; readonly keep?: number;
  };

export interface TaskResults {
  /** The use case's report; the service adds rows. */
  readonly verify: VerifyReport;
  readonly 'compact-plan': CompactPlan;
}

export type JobWorkerMessage =
  | { readonly t: 'progress'; readonly done: number; readonly total: number | null; readonly unit: JobProgress['unit']; readonly message: string | null }
  | { readonly t: 'done'; readonly value: unknown }
  /** A typed failure; a bug is thrown instead, so that its stack reaches the service's log. */
  | { readonly t: 'error'; readonly error: InspectorError };
