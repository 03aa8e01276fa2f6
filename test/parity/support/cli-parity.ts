import type { InspectorApi } from '../../../core/contract/contract.js';
import { runCliCaptured, type CliRun } from '../../support/run-cli-in-process.js';
import { eventWaiter } from './transports.js';

/** A session on `log`, indexed, closed after `fn` whatever it does. */
export async function withSession<T>(api: InspectorApi, log: string, fn: (session_id: string) => Promise<T>): Promise<T> {
  const events = eventWaiter(api);
  try {
    const opened = await api.session.open({ path: log });
    if (!opened.ok) throw new Error(`session.open ${log}: ${opened.error.code} ${opened.error.message}`);
    const { session_id } = opened.value;
    await events.wait((e) => e.type === 'index.done' && e.session_id === session_id);
    try {
      return await fn(session_id);
    } finally {
      await api.session.close({ session_id });
    }
  } finally {
    events.stop();
  }
}

/** The CLI's `--json` answer: one JSON document on stdout, and its exit code. */
export async function cliJson(argv: string[]): Promise<{ code: number; value: unknown; run: CliRun }> {
  const run = await runCliCaptured(argv);
  let value: unknown;
  try {
    value = JSON.parse(run.stdout);
  } catch {
    throw new Error(`${argv.join(' ')}: stdout is not one JSON document (exit ${run.code}): ${run.stdout.slice(0, 200)} ${run.stderr.slice(0, 500)}`);
  }
  return { code: run.code, value, run };
}

/** What the service adds on top of a use case's result (its session's plan handle); nothing else is removed. */
export function withoutPlanId<T extends { plan_id?: string }>(value: T): Omit<T, 'plan_id'> {
  const { plan_id: _, ...rest } = value;
  return rest;
}
