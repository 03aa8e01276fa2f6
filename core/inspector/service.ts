import { randomUUID } from 'node:crypto';
import type { InspectorApi, InspectorCall, InspectorEvent, OperationName } from '../contract/contract.js';
import { buildApi, isOperationName } from '../contract/contract.js';
import type { InspectorError, Outcome } from '../contract/contract-errors.js';
import { fail, toInspectorError } from './inspector-error.js';
import { DownloadTickets, type DownloadStream } from './export-download.js';
import { JobRegistry } from './jobs.js';
import { operationHandlers } from './operations.js';
import type { Handler, Handlers, InspectorServiceOptions, ServiceState } from './service-state.js';
import { RecentList } from './recent-list.js';

export type { InspectorServiceOptions } from './service-state.js';
import { describeIssue, SCHEMAS } from './schemas.js';
import type { Session } from './session.js';

export interface InspectorService {
  /** One call through validation and dispatch; never rejects. */
  readonly call: InspectorCall;
  readonly onEvent: InspectorApi['onEvent'];
  /** The same object every front end exposes (for tests and in-process use). */
  readonly api: InspectorApi;
  /** The export a one-time ticket of export.download names (used up), or null: the HTTP bridge streams it. */
  openDownload(ticket: string): DownloadStream | null;
  /** Closes every session (stops workers). */
  close(): Promise<void>;
}

/**
 * The inspector service: one object implementing the contract under plain Node (no Electron).
 * Arguments are validated (zod) before any handler runs; every failure becomes a typed error
 * value; calls with a job_id get progress events and can be cancelled with job.cancel.
 */
export function createInspectorService(options: InspectorServiceOptions = {}): InspectorService {
  const listeners = new Set<(event: InspectorEvent) => void>();
  const emit = (event: InspectorEvent) => {
    for (const l of [...listeners]) {
      try {
        l(event);
      } catch {
        // a listener's failure is its own business
      }
    }
  };
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const sessions = new Map<string, Session>();
  const state: ServiceState = {
    options, sessions, emit, recent: new RecentList(options.recentFile ?? null), jobs: new JobRegistry(emit), downloads: new DownloadTickets(),
    session(id) {
      return sessions.get(id) ?? fail('UNKNOWN_SESSION', `no open session ${id}: it was closed, or the server restarted — open the log again`);
    },
    newId: () => randomUUID(),
  };
  const handlers: Handlers = { ...operationHandlers(state), ...options.extraHandlers };

  const call = (async (op: OperationName, rawArgs: unknown): Promise<Outcome<unknown>> => {
    if (!isOperationName(op)) {
      return { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `unknown operation "${String(op)}"`, context: {} } };
    }
    const parsed = SCHEMAS[op].safeParse(rawArgs ?? {});
    if (!parsed.success) {
      const { message, field } = describeIssue(parsed.error);
      return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `${op}: ${message}`, context: { field } } };
    }
    const args = parsed.data as { job_id?: string; session_id?: string };
    let jobId: string | undefined;
    try {
      // job.cancel names another call's job; it is not a job itself.
      const own = op === 'job.cancel' ? undefined : args.job_id;
      const job = state.jobs.start(own, op, args.session_id ?? null);
      jobId = own;
      const value = await (handlers[op] as Handler<OperationName>)(parsed.data as never, job);
      return { ok: true, value };
    } catch (err) {
      const error: InspectorError = toInspectorError(err);
      if (error.code === 'INTERNAL') log(`wal-inspector: ${op} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return { ok: false, error: jobId && error.code === 'ABORTED' ? { ...error, context: { ...error.context, job_id: jobId } } : error };
    } finally {
      if (jobId !== undefined) state.jobs.finish(jobId);
    }
  }) as InspectorCall;

  const onEvent: InspectorApi['onEvent'] = (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  return {
    call, onEvent, api: buildApi(call, onEvent),
    openDownload: (ticket) => state.downloads.take(ticket, (id) => sessions.get(id), (signal) => ({ signal, progress() {} })),
    async close() {
      const all = [...sessions.values()];
      sessions.clear();
      state.jobs.cancelAll();
      await Promise.all(all.map((s) => s.close()));
    },
  };
}
