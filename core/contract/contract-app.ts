/**
 * Contract types of the shell-facing operations: the server-side file browser, the recent
 * list, what the front end can do. Types only (browser build). Re-exported by `contract.ts`.
 */

export interface FsEntry {
  readonly name: string;
  readonly path: string;
  readonly kind: 'file' | 'directory' | 'other';
  readonly size: number;
  readonly mtime_ms: number;
  /** What a WAL tool would make of it, by shape: null = nothing. */
  readonly wal_hint: 'segment' | 'wal-dir' | 'collection' | 'store' | null;
}

export interface FsListing {
  /** Absolute, normalised. */
  readonly path: string;
  readonly parent: string | null;
  readonly entries: readonly FsEntry[];
  /** Shortcuts: home, cwd, the demo store, filesystem roots. */
  readonly places: readonly { readonly label: string; readonly path: string }[];
}

export interface RecentItem {
  readonly path: string;
  readonly collection: string | null;
  readonly opened_at: number;
}

export interface AppInfo {
  readonly mode: 'electron' | 'browser' | 'test';
  readonly version: string;
  readonly platform: string;
  /** dialog.open works (Electron only); otherwise use fs.list. */
  readonly dialogs: boolean;
  /** fs.list works (browser mode; Electron refuses it: the renderer reaches only picked files). */
  readonly file_browser: boolean;
  /** Path of the bundled demo store when one was made, else null. */
  readonly demo_store: string | null;
  readonly cwd: string;
  readonly home: string;
  /** A path given on the command line (`serve <path>`, the app's argv): open it on start, once. */
  readonly open_on_start: string | null;
  /** export.download works: the browser fetches an export itself (browser mode); else export.rows writes a path. */
  readonly downloads?: boolean;
}

