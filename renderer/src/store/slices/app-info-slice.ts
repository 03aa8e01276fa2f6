import type { AppInfo, FsListing, InspectorError, RecentItem } from '../../contract.js';
import { inspectorApi } from '../api-ref.js';
import type { SliceCreator } from '../app-state.js';

export interface AppInfoSlice {
  readonly appInfo: AppInfo | null;
  readonly recent: readonly RecentItem[];
  /** Server-side file browser (browser mode). */
  readonly fsListing: FsListing | null;
  readonly fsError: InspectorError | null;
  readonly fsLoading: boolean;
  loadAppInfo: () => Promise<void>;
  loadRecent: () => Promise<void>;
  clearRecent: () => Promise<void>;
  browse: (path?: string) => Promise<void>;
  /** Electron: native dialog, then open what was picked. */
  pickAndOpen: (kind: 'file' | 'folder') => Promise<void>;
}

const OPENED_KEY = 'wal-inspector:opened-on-start';

function openedOnStart(path: string): boolean {
  try {
    if (sessionStorage.getItem(OPENED_KEY) === path) return true;
    sessionStorage.setItem(OPENED_KEY, path);
  } catch {
    // No storage (a sandboxed page): open it every time.
  }
  return false;
}

export const createAppInfoSlice: SliceCreator<AppInfoSlice> = (set, get) => ({
  appInfo: null,
  recent: [],
  fsListing: null,
  fsError: null,
  fsLoading: false,
  loadAppInfo: async () => {
    const outcome = await inspectorApi().app.info({});
    if (!outcome.ok) {
      get().pushError('Connecting to the inspector service', outcome.error);
      return;
    }
    set({ appInfo: outcome.value });
    // A path given on the command line opens once per window (not again on reload).
    const path = outcome.value.open_on_start;
    if (path && !get().session && !get().opening && !openedOnStart(path)) void get().openPath(path);
  },
  loadRecent: async () => {
    const outcome = await inspectorApi().recent.list({});
    if (outcome.ok) set({ recent: outcome.value });
  },
  clearRecent: async () => {
    const outcome = await inspectorApi().recent.clear({});
    if (outcome.ok) set({ recent: [] });
    else get().pushError('Clearing the recent list', outcome.error);
  },
  browse: async (path) => {
    set({ fsLoading: true });
    const outcome = await inspectorApi().fs.list(path === undefined ? {} : { path });
    if (outcome.ok) set({ fsListing: outcome.value, fsError: null, fsLoading: false });
    else set({ fsError: outcome.error, fsLoading: false });
  },
  pickAndOpen: async (kind) => {
    const outcome = await inspectorApi().dialog.open({ kind });
    if (!outcome.ok) {
      get().pushError('Opening a dialog', outcome.error);
      return;
    }
    if (outcome.value) await get().openPath(outcome.value.path);
  },
});
