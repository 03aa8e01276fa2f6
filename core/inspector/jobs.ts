import type { InspectorEvent } from '../contract/contract.js';
import type { JobProgress } from '../contract/contract-jobs.js';
import { fail } from './inspector-error.js';

export interface JobContext {
  readonly signal: AbortSignal;
  /** Reports progress (throttled to ~10 events a second; the last call always goes out on finish). */
  progress(done: number, total: number | null, unit: JobProgress['unit'], message?: string | null): void;
}

interface Job {
  readonly controller: AbortController;
  readonly operation: string;
  readonly sessionId: string | null;
  last: JobProgress | null;
  lastSent: number;
}

const EVERY_MS = 100;
const NO_JOB: JobContext = { signal: new AbortController().signal, progress() {} };

/** Running jobs by client-chosen id: cancellation (AbortSignal) and progress events. */
export class JobRegistry {
  private readonly jobs = new Map<string, Job>();
  constructor(private readonly emit: (event: InspectorEvent) => void) {}

  /** A context for one call: a real job when the caller gave a job_id, a silent one otherwise. */
  start(jobId: string | undefined, operation: string, sessionId: string | null): JobContext {
    if (jobId === undefined) return NO_JOB;
    if (this.jobs.has(jobId)) fail('INVALID_ARGUMENT', `job ${jobId} is already running; use a new job_id`, { field: 'job_id', job_id: jobId });
    const job: Job = { controller: new AbortController(), operation, sessionId, last: null, lastSent: 0 };
    this.jobs.set(jobId, job);
    return {
      signal: job.controller.signal,
      progress: (done, total, unit, message = null) => {
        job.last = { job_id: jobId, operation, done, total, unit, message };
        const now = Date.now();
        if (now - job.lastSent >= EVERY_MS) {
          job.lastSent = now;
          this.emit({ type: 'job.progress', progress: job.last });
        }
      },
    };
  }

  finish(jobId: string | undefined): void {
    if (jobId === undefined) return;
    const job = this.jobs.get(jobId);
    this.jobs.delete(jobId);
    if (job?.last && job.lastSent < Date.now() + 1) this.emit({ type: 'job.progress', progress: job.last });
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  cancelSession(sessionId: string): void {
    for (const job of this.jobs.values()) if (job.sessionId === sessionId) job.controller.abort();
  }

  /** The service is closing: every job stops (a job's worker thread would keep the process alive). */
  cancelAll(): void {
    for (const job of this.jobs.values()) job.controller.abort();
  }
}

export function throwIfAborted(signal: AbortSignal, what: string): void {
  if (signal.aborted) fail('ABORTED', `${what} was cancelled`);
}
