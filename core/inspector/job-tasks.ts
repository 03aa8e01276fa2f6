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
    const [{ FsCollection }, { verifyLog }, { readLog }, { listedVerifyResult }] = await Promise.all([
      import('../store/fs-collection.js'), import('../verify/verify-log.js'), import('../wal/read-log.js'), import('./views/verify-view.js'),
    ]);
    const store = t.store === null ? undefined : await FsCollection.open(t.store);
    const r = await verifyLog(readLog(t.location, signal), store, {
      ...signal,
      onProgress: (p) => hooks.onProgress(p.done, p.phase === 'read' ? t.readTotal : p.total ?? null, p.phase === 'read' ? 'entries' : 'files', p.phase),
    });
    const value: TaskResults['verify'] = {
      passed: r.passed, entriesProcessed: r.entriesProcessed, affectedDocuments: r.affectedDocuments,
      checkedAgainstStore: r.checkedAgainstStore, listed: listedVerifyResult(r),
    };
    return value as TaskResults[K];
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
