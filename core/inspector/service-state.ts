import * as path from 'node:path';
import type { AppInfo } from '../contract/contract-app.js';
import type { ArgsOf, InspectorEvent, OperationName, ResultOf } from '../contract/contract.js';
import { fail } from './inspector-error.js';
import type { DownloadTickets } from './export-download.js';
import type { JobContext, JobRegistry } from './jobs.js';
import type { RecentList } from './recent-list.js';
import type { Session } from './session.js';

export interface InspectorServiceOptions {
  readonly mode?: AppInfo['mode'];
  readonly version?: string;
  /** Path of a bundled demo store shown on the start screen. */
  readonly demoStore?: string | null;
  /** JSON file for the recent list (null: memory only). */
  readonly recentFile?: string | null;
  /** fs.list is served (browser mode). Electron turns it off: the renderer reaches only picked paths. */
  readonly fileBrowser?: boolean;
  /** Electron: paths the user picked. Called for every path a call wants to read or write. */
  readonly allowPath?: (path: string, purpose: 'read' | 'write') => boolean;
  /** Front-end operations (Electron: dialog.open). Default: NOT_AVAILABLE. */
  readonly extraHandlers?: Partial<Handlers>;
  readonly followPollMs?: number;
  /** How often an open log's active segment is looked at for growth (log.grown events); default 1 s. */
  readonly growthPollMs?: number;
  /**
   * Reported by app.info as open_on_start: the command line's path, or (a function) one that
   * arrives while the app starts (Electron: a file opened from the Finder before the window).
   */
  readonly openOnStart?: string | null | (() => string | null);
  /**
   * A recovery plan of more document changes than this is kept in a temporary file instead of
   * memory until it is applied (default 1,000).
   */
  readonly planFileOver?: number;
  /** Where such files go (default: wal-inspector-plans in the OS temp directory). */
  readonly planDir?: string;
  /** The server's log (default stderr): where an INTERNAL error's stack goes, never to the client. */
  readonly log?: (line: string) => void;
  /** export.download hands out one-time download tickets (serve's HTTP bridge streams them). */
  readonly downloads?: boolean;
}

export type Handler<N extends OperationName> = (args: ArgsOf<N>, job: JobContext) => Promise<ResultOf<N>>;
export type Handlers = { [N in OperationName]: Handler<N> };

/** What the handlers share. */
export interface ServiceState {
  readonly options: InspectorServiceOptions;
  readonly sessions: Map<string, Session>;
  readonly recent: RecentList;
  readonly jobs: JobRegistry;
  readonly downloads: DownloadTickets;
  emit(event: InspectorEvent): void;
  session(id: string): Session;
  newId(): string;
}

/** Checks a path against the front end's rule (Electron: only what the user picked). */
export function guardPath(state: ServiceState, p: string, purpose: 'read' | 'write'): string {
  const abs = path.resolve(p);
  if (state.options.allowPath && !state.options.allowPath(abs, purpose)) {
    fail('FORBIDDEN', `${abs} was not picked in this window: open it with File › Open (or drop it on the window) first`, { file: abs });
  }
  return abs;
}
