/**
 * A job's worker thread: runs one heavy task (job-tasks.ts) so that the service's thread keeps
 * answering reads, and so that cancelling is terminating the thread. Started by
 * run-in-worker.ts; never imported by the service itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toInspectorError } from './inspector-error.js';
import { runJobTask } from './job-tasks.js';
import type { JobWorkerMessage, WorkerTask } from './job-worker-messages.js';

const port = parentPort!;
const post = (m: JobWorkerMessage) => port.postMessage(m);

try {
  const value = await runJobTask(workerData as WorkerTask, { onProgress: (done, total, unit, message) => post({ t: 'progress', done, total, unit, message }) });
  post({ t: 'done', value });
} catch (err) {
  const error = toInspectorError(err);
  // A bug is thrown on: the service receives the Error itself and logs its stack.
  if (error.code === 'INTERNAL') throw err;
  post({ t: 'error', error });
}
