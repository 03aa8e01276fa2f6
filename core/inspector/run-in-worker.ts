import { startWorker } from '../wal/start-worker.js';
import { fail, InspectorFailure } from './inspector-error.js';
import { runJobTask } from './job-tasks.js';
import type { JobContext } from './jobs.js';
import type { JobWorkerMessage, TaskResults, WorkerTask } from './job-worker-messages.js';

/**
 * A log of at most this many rows, indexed, verifies in about the time a thread takes to start
 * (~0.1–0.3 s on 2 cores): such a task runs in place.
 */
export const IN_PLACE_ROWS = 20_000;

const WHAT: Readonly<Record<WorkerTask['kind'], string>> = { verify: 'verification', 'compact-plan': 'the checkpoint preview' };

/**
 * Runs a task on its own worker thread: progress goes to the job, cancelling the job
 * terminates the thread at once (the task only reads), and a failure in the thread crosses as
 * the typed error it raised — or, for a bug, as the Error itself (stack included, for the log).
 */
export function runInWorker<K extends WorkerTask['kind']>(task: Extract<WorkerTask, { kind: K }>, job: JobContext): Promise<TaskResults[K]> {
  const { signal } = job;
  if (signal.aborted) fail('ABORTED', `${WHAT[task.kind]} was cancelled`);
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const worker = startWorker(new URL(`./job-worker${ext}`, import.meta.url), task);
  return new Promise<TaskResults[K]>((resolve, reject) => {
    let settled = false;
    const settle = (then: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      then();
    };
    const onAbort = () => settle(() => reject(new InspectorFailure('ABORTED', `${WHAT[task.kind]} was cancelled`)));
    signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: JobWorkerMessage) => {
      if (m.t === 'progress') job.progress(m.done, m.total, m.unit, m.message);
      else if (m.t === 'done') settle(() => resolve(m.value as TaskResults[K]));
      else settle(() => reject(new InspectorFailure(m.error.code, m.error.message, m.error.context)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the worker running ${WHAT[task.kind]} stopped (exit code ${code}) before it answered`))));
  });
}

/** A task off the service's thread, or in place when the log is small (`rows`: indexed rows, null while indexing). */
export function runTask<K extends WorkerTask['kind']>(task: Extract<WorkerTask, { kind: K }>, job: JobContext, rows: number | null): Promise<TaskResults[K]> {
  if (rows !== null && rows <= IN_PLACE_ROWS) return runJobTask(task, { signal: job.signal, onProgress: job.progress });
  return runInWorker(task, job);
}
