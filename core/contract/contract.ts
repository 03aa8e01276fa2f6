/**
 * THE contract between the inspector service and every front end (Electron main + preload,
 * the HTTP bridge of `wal-inspector serve`, the renderer, tests). Nothing else crosses a
 * process boundary.
 *
 * - `OPERATIONS` is the one runtime list of operation names (`area.verb`). The preload, the
 *   main-process registration, the HTTP routes and clients are all derived from it.
 * - `Operations` maps each name to its argument and result types.
 * - Every call resolves to an `Outcome` (value or typed error); calls never reject.
 * - Events (`InspectorEvent`) flow service → front end: index progress, follow, job progress.
 * - Field names are snake_case, as the CLI's `--json` prints them.
 *
 * Browser-safe: types plus plain constants and one pure helper; no Node import.
 *
 * Usage in the renderer:
 *   const api = getApi();                      // renderer/src/bridge
 *   const r = await api.rows.page({ session_id, offset: 0, limit: 200 });
 *   if (r.ok) show(r.value.rows); else showError(r.error.message);
 *   const off = api.onEvent((e) => { if (e.type === 'index.progress') ... });
 */
import type { Outcome } from './contract-errors.js';
import type {
  CheckpointApplyArgs, CheckpointPlan, CheckpointPlanArgs, CheckpointResult, ConvertArgs, ConvertResult,
  ExportArgs, ExportDownload, ExportDownloadArgs, ExportResult, JobArgs, JobProgress, RecoveryApplyArgs, RecoveryPlan, RecoveryPlanArgs,
  RecoveryResult, VerifyArgs, VerifyReport,
} from './contract-jobs.js';
import type { AppInfo, FsListing, RecentItem } from './contract-app.js';
import type {
  DocumentHistoryView, HistoryGetArgs, RestoreApplyArgs, RestorePlanArgs, RestorePlanResult, RestoreReport,
} from './contract-history.js';
import type { RehearsalArgs, RestoreDiscardResult, RestorePromoteResult, StoreCompareArgs, StoreComparison } from './contract-rehearsal.js';
import type { RepairApplyArgs, RepairPlan, RepairPlanArgs, RepairResult } from './contract-repair.js';
import type { LocateArgs, RowLocation } from './contract-locate.js';
import type {
  DamageItem, EntryDetail, EntryTypeName, IndexProgress, RowFilter, RowPage, RowSort, SessionInfo, Stats, Timeline,
  TransactionList, TransactionPage, TransactionSort, TransactionStatus,
} from './contract-types.js';

export type * from './contract-app.js';
export type * from './contract-history.js';
export type * from './contract-rehearsal.js';
export type * from './contract-locate.js';
export type * from './contract-damage.js';
export type * from './contract-errors.js';
export type * from './contract-jobs.js';
export type * from './contract-repair.js';
export type * from './contract-types.js';
export type * from './contract-query.js';
export type * from './contract-store-session.js';
export { WHERE_VARIABLES, WHERE_TX_STATUSES } from './contract-query.js';
import type { QueryFields } from './contract-query.js';
import type {
  StoreCheckpointApplyArgs, StoreCheckpointPlan, StoreCheckpointPlanArgs, StoreRecoveryApplyArgs, StoreRecoveryPlan, StoreRecoveryPlanArgs, StoreVerifyArgs,
} from './contract-store-session.js';
import type { StoreCheckpointResult, StoreRecoveryResult, StoreVerifyReport } from './contract-store.js';

/** Issues of each severity, and findings of each kind, that a verify.run report lists at most. */
export const VERIFY_LISTED = 2000;

/** The entry types in wire order (runtime copy for the UI: filters, legends, colours). */
export const ENTRY_TYPE_NAMES = ['Begin', 'Insert', 'Update', 'Delete', 'Commit', 'Rollback'] as const satisfies readonly EntryTypeName[];

/** Every operation, once. Adding one here (and to `Operations`) is all a front end needs. */
export const OPERATIONS = [
  'app.info',
  'dialog.open',
  'fs.list',
  'recent.list',
  'recent.clear',
  'session.open',
  'session.info',
  'session.list',
  'session.close',
  'rows.page',
  'rows.locate',
  'entry.get',
  'damage.list',
  'timeline.get',
  'transactions.list',
  'transactions.page',
  'stats.get',
  'query.fields',
  'verify.run',
  'store.verify',
  'store.plan_recovery',
  'store.apply_recovery',
  'store.plan_checkpoint',
  'store.apply_checkpoint',
  'recovery.plan',
  'recovery.apply',
  'history.get',
  'restore.plan',
  'restore.apply',
  'restore.promote',
  'restore.discard',
  'store.compare',
  'checkpoint.plan',
  'checkpoint.apply',
  'export.rows',
  'export.download',
  'convert.run',
  'repair.plan',
  'repair.apply',
  'follow.set',
  'job.cancel',
] as const;

export type OperationName = (typeof OPERATIONS)[number];

interface SessionArgs {
  readonly session_id: string;
}

/** Argument and result of every operation. */
export interface Operations {
  /** What this front end can do (dialogs or file browser), the demo store, paths for shortcuts. */
  'app.info': { args: Record<string, never>; result: AppInfo };
  /**
   * Electron only: a native dialog to open a file or folder, or to pick where to save an
   * export/convert output ('save'). Resolves null when cancelled. Browser: NOT_AVAILABLE.
   */
  'dialog.open': {
    args: { readonly kind: 'file' | 'folder' | 'save'; readonly default_name?: string };
    result: { readonly path: string } | null;
  };
  /** Browser mode: list a server-side directory (default: the current directory). Electron: NOT_AVAILABLE. */
  'fs.list': { args: { readonly path?: string; readonly show_hidden?: boolean }; result: FsListing };
  /** Recently opened paths, newest first. */
  'recent.list': { args: Record<string, never>; result: readonly RecentItem[] };
  'recent.clear': { args: Record<string, never>; result: null };
  /**
   * Opens a segment file, a `.wal/` directory, a collection directory or a store root
   * (`collection` picks one; without it a multi-collection store gives CHOOSE_COLLECTION).
   * Resolves as soon as the chain is located; indexing continues in the background
   * (index.progress / index.done events). A 0-byte file is an empty log; a file that is not
   * a WAL opens as one damaged range.
   */
  'session.open': {
    /** `collections`: a store session of these collections of a store root (default: all, when it has several). */
    args: { readonly path: string; readonly collection?: string; readonly collections?: readonly string[]; readonly format?: 'auto' | 'binary' | 'jsonl' };
    result: SessionInfo;
  };
  'session.info': { args: SessionArgs; result: SessionInfo };
  'session.list': { args: Record<string, never>; result: readonly SessionInfo[] };
  /** Stops indexing, follow and the session's jobs. */
  'session.close': { args: SessionArgs; result: null };
  /**
   * A page of rows (entries and damage) with the total that match. Works while indexing runs.
   * With `filter.text` it reads payloads (progress as job.progress under `job_id`).
   */
  'rows.page': {
    args: SessionArgs & JobArgs & {
      readonly offset: number;
      /** 1..10000 */
      readonly limit: number;
      readonly filter?: RowFilter;
      readonly sort?: RowSort;
      /**
       * With `filter.text`: answer after about this many ms with the rows found so far (then
       * `scanned` < `total_unfiltered`, and `total` counts only those); the next call goes on from
       * there. Without it the call waits for the whole search.
       */
      readonly answer_within_ms?: number;
    };
    result: RowPage;
  };
  /** The Go-to box: the row a query names (row, segment:offset, time, transaction or document id) and its index in the view. NOT_LOCATED says why not. */
  'rows.locate': { args: LocateArgs; result: RowLocation };
  /** One row in full: fields, data (stored and pretty), raw bytes with field spans, CRCs. */
  'entry.get': { args: SessionArgs & { readonly row: number }; result: EntryDetail };
  /** Every damaged range of the chain, in file order (paged). */
  'damage.list': {
    args: SessionArgs & { readonly offset?: number; readonly limit?: number };
    result: { readonly items: readonly DamageItem[]; readonly total: number; readonly complete: boolean };
  };
  /**
   * Entry counts per time bucket and type, with damage marks. Range defaults to the log's
   * span; `bucket_count` 1..2000. `filter` (its time range ignored) restricts what is counted.
   */
  'timeline.get': {
    args: SessionArgs & {
      readonly time_from?: number;
      readonly time_to?: number;
      readonly bucket_count: number;
      readonly filter?: Omit<RowFilter, 'time_from' | 'time_to' | 'text'>;
    };
    result: Timeline;
  };
  /** Entries grouped by transaction id, in order of first appearance (paged). */
  'transactions.list': {
    args: SessionArgs & {
      readonly offset?: number;
      readonly limit?: number;
      /** Statuses to list (default: all but single-entry). */
      readonly status?: readonly TransactionStatus[];
      /** Only transactions with an entry this CEL expression matches (RowFilter.where). */
      readonly where?: string;
    };
    result: TransactionList;
  };
  /**
   * Transactions sorted, filtered by status and id prefix, paged (every status by default); a
   * virtualized view asks for the pages it shows. Built once per session state, then ~ms a page.
   */
  'transactions.page': {
    args: SessionArgs & {
      readonly offset: number;
      /** 1..10000 */
      readonly limit: number;
      readonly sort?: TransactionSort;
      readonly status?: readonly TransactionStatus[];
      /** Ids starting with this text (compared as UTF-8 bytes). */
      readonly id_prefix?: string;
      /** Only damaged transactions (an entry unverified or lost). */
      readonly damaged?: boolean;
      /** Only transactions with an entry this CEL expression matches (RowFilter.where). */
      readonly where?: string;
    };
    result: TransactionPage;
  };
  'stats.get': { args: SessionArgs; result: Stats };
  /** For query completion: the data key paths seen in the first entries with data (`sample`, default 200, at most 2,000). */
  'query.fields': { args: SessionArgs & { readonly sample?: number }; result: QueryFields };
  /** Sentinel's verdict over the whole chain, against the store, plus our findings. */
  'verify.run': { args: VerifyArgs; result: VerifyReport };
  /** A store session: each collection (or those named) verified against its own directory, a section per collection and the totals (verify <store root> --json). */
  'store.verify': { args: StoreVerifyArgs; result: StoreVerifyReport };
  /** A store session: recover each collection (or those named) from its own chain into its own directory; writes nothing (recover <root> --dry-run --json). */
  'store.plan_recovery': { args: StoreRecoveryPlanArgs; result: StoreRecoveryPlan };
  /** Applies a store recovery plan collection by collection, each with its own backup and lock (recover <root> --yes --json). */
  'store.apply_recovery': { args: StoreRecoveryApplyArgs; result: StoreRecoveryResult };
  /** A store session: each collection's checkpoint preview (checkpoint <root> --dry-run --json). */
  'store.plan_checkpoint': { args: StoreCheckpointPlanArgs; result: StoreCheckpointPlan };
  /** Applies the collections of a store checkpoint plan that are not refused (checkpoint <root> --yes --json). */
  'store.apply_checkpoint': { args: StoreCheckpointApplyArgs; result: StoreCheckpointResult };
  /** What a recovery would do; writes nothing. */
  'recovery.plan': { args: RecoveryPlanArgs; result: RecoveryPlan };
  /** Executes a plan (backup first unless backup: false); STORE_CHANGED when the store moved on. */
  'recovery.apply': { args: RecoveryApplyArgs; result: RecoveryResult };
  /** One document's versions (state after each entry, its transaction's fate), from the index. */
  'history.get': { args: HistoryGetArgs; result: DocumentHistoryView };
  /** A restore to a point (until) or an undo of transactions (exclude_tx / exclude_range), previewed; writes nothing. */
  'restore.plan': { args: RestorePlanArgs; result: RestorePlanResult };
  /** Applies a restore plan of this session (backup, atomic writes; or writes `into`). */
  'restore.apply': { args: RestoreApplyArgs; result: RestoreReport };
  /** Applies the plan of this session's rehearsal (an `into` plan applied) to the live store; refused if its log or documents changed since. */
  'restore.promote': { args: RehearsalArgs; result: RestorePromoteResult };
  /** Removes this session's rehearsal folder, only if every file in it is as written (STORE_CHANGED naming the file otherwise). */
  'restore.discard': { args: RehearsalArgs; result: RestoreDiscardResult };
  /** A page of per-document differences between a live store (left) and a rehearsal of it (right), with JSON diffs; writes nothing. */
  'store.compare': { args: StoreCompareArgs; result: StoreComparison };
  'checkpoint.plan': { args: CheckpointPlanArgs; result: CheckpointPlan };
  'checkpoint.apply': { args: CheckpointApplyArgs; result: CheckpointResult };
  /** Writes the filtered rows to a new file (JSON Lines or CSV). */
  'export.rows': { args: ExportArgs; result: ExportResult };
  /** Browser mode: a one-time URL from which the browser downloads what export.rows would write (streamed, never buffered). Elsewhere NOT_AVAILABLE. */
  'export.download': { args: ExportDownloadArgs; result: ExportDownload };
  /** Writes the chain's intact entries as one segment of the other format. */
  'convert.run': { args: ConvertArgs; result: ConvertResult };
  /** Which damaged ranges one flipped bit explains (located by the CRC), and what stays out; writes nothing. */
  'repair.plan': { args: RepairPlanArgs; result: RepairPlan };
  /** Writes a new copy of the log (never over an existing path) with every intact and every repaired entry. */
  'repair.apply': { args: RepairApplyArgs; result: RepairResult };
  /** Follow the active segment: new rows appear and follow.rows events say so. */
  'follow.set': { args: SessionArgs & { readonly enabled: boolean }; result: { readonly following: boolean } };
  /** Cancels a running job; resolves { cancelled: false } when no such job runs. */
  'job.cancel': { args: { readonly job_id: string }; result: { readonly cancelled: boolean } };
}

// Compile-time check: OPERATIONS and Operations name the same set.
type Missing = Exclude<OperationName, keyof Operations> | Exclude<keyof Operations, OperationName>;
const contractComplete: [Missing] extends [never] ? true : Missing = true;
void contractComplete;

export type ArgsOf<N extends OperationName> = Operations[N]['args'];
export type ResultOf<N extends OperationName> = Operations[N]['result'];

// ---------------------------------------------------------------- events

export type InspectorEvent =
  /** Indexing advanced (at most ~10 per second per session). */
  | { readonly type: 'index.progress'; readonly session_id: string; readonly progress: IndexProgress }
  /** Indexing finished (progress.complete) or stopped on an error (progress.error). */
  | { readonly type: 'index.done'; readonly session_id: string; readonly progress: IndexProgress; readonly ms: number }
  /** Follow found new rows: rows [from_row, from_row + count) now exist. */
  | { readonly type: 'follow.rows'; readonly session_id: string; readonly from_row: number; readonly count: number; readonly total_rows: number }
  /** Progress of a job started with a job_id. */
  | { readonly type: 'job.progress'; readonly progress: JobProgress }
  /** Electron: the user picked or dropped a path (menu, drag and drop, command line): open it. */
  | { readonly type: 'app.open-path'; readonly path: string }
  /** A session was closed (by another window or tab, or the server). */
  | { readonly type: 'session.closed'; readonly session_id: string }
  /** The open log's active segment changed size (another process appends): its size on disk, and the bytes no row shows yet (Follow reads them). */
  | { readonly type: 'log.grown'; readonly session_id: string; readonly file_bytes: number; readonly unread_bytes: number };

export type InspectorEventType = InspectorEvent['type'];

// ---------------------------------------------------------------- the API every front end exposes

type AreaOf<N extends string> = N extends `${infer A}.${string}` ? A : never;
export type OperationArea = AreaOf<OperationName>;

export type OperationFn<N extends OperationName> = (args: ArgsOf<N>) => Promise<Outcome<ResultOf<N>>>;

/**
 * `api.<area>.<verb>(args)` for every operation, plus `onEvent`. The preload exposes exactly
 * this object (as `window.walInspector`), the HTTP client builds the same, and so do tests.
 */
export type InspectorApi = {
  readonly [A in OperationArea]: {
    readonly [N in OperationName as N extends `${A}.${infer V}` ? V : never]: OperationFn<N>;
  };
} & {
  /** Subscribes to every event; returns the unsubscribe function. */
  readonly onEvent: (listener: (event: InspectorEvent) => void) => () => void;
};

/** One generic call, the transport's job: `call('rows.page', args)`. */
export type InspectorCall = <N extends OperationName>(operation: N, args: ArgsOf<N>) => Promise<Outcome<ResultOf<N>>>;

/** Builds the InspectorApi object from a transport's call and event subscription. */
export function buildApi(call: InspectorCall, onEvent: InspectorApi['onEvent']): InspectorApi {
  const api: Record<string, Record<string, unknown> | InspectorApi['onEvent']> = { onEvent };
  for (const op of OPERATIONS) {
    const [area, verb] = splitOperation(op);
    const group = (api[area] ??= {}) as Record<string, unknown>;
    group[verb] = (args: unknown) => call(op, args as never);
  }
  return api as unknown as InspectorApi;
}

export function splitOperation(op: OperationName): [string, string] {
  const dot = op.indexOf('.');
  return [op.slice(0, dot), op.slice(dot + 1)];
}

export function isOperationName(value: unknown): value is OperationName {
  return typeof value === 'string' && (OPERATIONS as readonly string[]).includes(value);
}

// ---------------------------------------------------------------- transports (derived names)

/** Electron IPC channel of an operation (ipcMain.handle / ipcRenderer.invoke). */
export function ipcChannel(op: OperationName): string {
  return `wal-inspector:${op}`;
}
/** Electron IPC channel on which main sends every InspectorEvent to the renderer. */
export const IPC_EVENT_CHANNEL = 'wal-inspector:event';
/** HTTP bridge: POST this path with the JSON args; the body of the answer is the Outcome. */
export function httpPath(op: OperationName): string {
  return `/api/${op}`;
}
/** HTTP bridge: server-sent events, one `data:` line of JSON InspectorEvent per event. */
export const HTTP_EVENTS_PATH = '/api/events';
/** HTTP bridge: GET this path + a ticket from export.download streams the export (a browser download cannot send the Authorization header, so the ticket, one use and short-lived, stands in for it). */
export const HTTP_DOWNLOAD_PATH = '/download/';

