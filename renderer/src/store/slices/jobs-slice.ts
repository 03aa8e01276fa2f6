import type { InspectorError, JobProgress, Outcome } from '../../contract.js';
import { inspectorApi, newJobId } from '../api-ref.js';
import type { SliceCreator } from '../app-state.js';
import { toInspectorError } from './notices-slice.js';

export interface RunningJob {
  readonly jobId: string;
  /** For a person: "Verifying", "Searching data for “alice”". */
  readonly label: string;
  readonly startedAt: number;
  readonly progress: JobProgress | null;
}

export interface JobsSlice {
  readonly jobs: ReadonlyMap<string, RunningJob>;
  /**
   * Runs one long operation under a fresh job id: it shows in the progress bar until done and
   * can be cancelled. Resolves to the operation's outcome (ABORTED when cancelled).
   */
  runJob: <T>(label: string, prefix: string, call: (jobId: string) => Promise<Outcome<T>>) => Promise<Outcome<T>>;
  applyJobProgress: (progress: JobProgress) => void;
  cancelJob: (jobId: string) => Promise<void>;
}

export const createJobsSlice: SliceCreator<JobsSlice> = (set, get) => ({
  jobs: new Map(),
  runJob: async (label, prefix, call) => {
    const jobId = newJobId(prefix);
    set((s) => ({ jobs: new Map(s.jobs).set(jobId, { jobId, label, startedAt: Date.now(), progress: null }) }));
    try {
      return await call(jobId);
    } catch (thrown) {
      return { ok: false, error: toInspectorError(thrown) };
    } finally {
      set((s) => {
        const jobs = new Map(s.jobs);
        jobs.delete(jobId);
        return { jobs };
      });
    }
  },
  applyJobProgress: (progress) => {
    const job = get().jobs.get(progress.job_id);
    if (!job) return;
    set((s) => ({ jobs: new Map(s.jobs).set(progress.job_id, { ...job, progress }) }));
  },
  cancelJob: async (jobId) => {
    const outcome = await inspectorApi().job.cancel({ job_id: jobId });
    if (!outcome.ok) get().pushError('Cancelling', outcome.error);
  },
});

export function isAborted(error: InspectorError): boolean {
  return error.code === 'ABORTED';
}
