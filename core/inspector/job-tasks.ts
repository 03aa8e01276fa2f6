import type { JobProgress } from '../contract/contract-jobs.js';
import type { TaskResults, WorkerTask } from './job-worker-messages.js';

export interface TaskHooks {
  readonly signal?: AbortSignal;
  onProgress(done: number, total: number | null, unit: JobProgress['unit'], message: string | null): void;
}

/**
 * One heavy task, wherever it runs (job-worker.ts, or in place for a small log). Each task
 * loads only its own modules: a worker then starts without every compression binding.
 */
export async function runJobTask<K extends WorkerTask['kind']>(task: Extract<WorkerTask, { kind: K }>, hooks: TaskHooks): Promise<TaskResults[K]> {
  const signal = hooks.signal ? { signal: hooks.signal } : {};
  const t = task as WorkerTask;
  if (t.kind === 'verify') {
    const { verifyLocation } = await import('./use-cases/verify.js');
    const report: TaskResults['verify'] = await verifyLocation(t.location, {
      store: t.store, listed: t.listed, ...signal,
      onProgress: (p) => hooks.onProgress(p.done, p.phase === 'read' ? t.readTotal : p.total ?? null, p.phase === 'read' ? 'entries' : 'files', p.phase),
    });
    return report as TaskResults[K];
  }
  const { planCompaction } = await import('../checkpoint/compact-plan.js');
  const plan: TaskResults['compact-plan'] = await planCompaction(t.location, {
    ...signal, onProgress: (x) => hooks.onProgress(x.done, null, 'entries', x.phase),
    ...(t.compression ? { compression: t.compression } : {}),
    ...(t.maxAgeSecs !== undefined ? { maxAgeSecs: t.maxAgeSecs } : {}),
    ...(t.keep !== undefined ? { keep: t.keep } : {}),
  });
  return plan as TaskResults[K];
}
