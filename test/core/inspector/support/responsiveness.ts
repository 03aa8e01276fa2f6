import type { InspectorEvent } from '../../../../core/contract/contract.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Matches the progress events of one job. */
export const isProgress = (jobId: string) => (e: InspectorEvent) => e.type === 'job.progress' && e.progress.job_id === jobId;

/** How late a call made from a timer is answered: the timer's own delay counts (a blocked loop delays both). */
export async function lateness(call: () => Promise<unknown>): Promise<number> {
  const due = performance.now() + 10;
  await sleep(10);
  await call();
  return performance.now() - due;
}
