import type { ExportDownload, ExportResult, InspectorError } from '../../contract.js';
import { startBrowserDownload } from '../../lib/browser-download.js';
import { inspectorApi } from '../api-ref.js';
import type { SliceCreator } from '../app-state.js';

export interface ExportSlice {
  readonly exportFormat: 'jsonl' | 'csv';
  readonly exportPath: string;
  readonly exportResult: ExportResult | null;
  readonly exportError: InspectorError | null;
  readonly exportBusy: boolean;
  /** Browser mode: the browser downloads the export ('download'), or the server writes a path ('file'). */
  readonly exportTarget: 'download' | 'file';
  /** The download last handed to the browser. */
  readonly exportDownload: ExportDownload | null;
  openExport: () => void;
  setExportOptions: (patch: Partial<Pick<ExportSlice, 'exportFormat' | 'exportPath' | 'exportTarget'>>) => void;
  runExport: () => Promise<void>;
  /** Electron: pick the output file with the system's save dialog. */
  chooseExportPath: () => Promise<void>;
}

export const initialExportState = {
  exportFormat: 'jsonl' as const,
  exportPath: '',
  exportResult: null,
  exportError: null,
  exportBusy: false,
  exportDownload: null,
};

/** A default output path beside the log: <dir>/wal-export-<time>.<ext>. */
export function defaultExportPath(dir: string, format: 'jsonl' | 'csv', now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return `${dir.replace(/[\\/]+$/, '')}${sep}wal-export-${stamp}.${format}`;
}

export const createExportSlice: SliceCreator<ExportSlice> = (set, get) => ({
  ...initialExportState,
  exportTarget: 'download',
  openExport: () => {
    // The user's home directory: never inside the store's collection directory, and not
    // wherever the server happened to be started (a checkout, a system directory).
    const dir = get().appInfo?.home ?? get().appInfo?.cwd ?? '';
    set({
      dialog: 'export',
      exportResult: null,
      exportError: null,
      exportDownload: null,
      exportPath: defaultExportPath(dir, get().exportFormat),
      // Where the browser can download, it does; the desktop app writes where the user picks.
      exportTarget: get().appInfo?.downloads ? get().exportTarget : 'file',
    });
  },
  setExportOptions: (patch) => {
    const next = { ...patch };
    // Keep the extension in step with the format when the path still has the other one.
    if (patch.exportFormat && !patch.exportPath) {
      const path = get().exportPath;
      next.exportPath = path.replace(/\.(jsonl|csv)$/, `.${patch.exportFormat}`);
    }
    set({ ...next, exportResult: null, exportError: null, exportDownload: null });
  },
  chooseExportPath: async () => {
    const current = get().exportPath;
    const outcome = await inspectorApi().dialog.open({ kind: 'save', default_name: current.split(/[\\/]/).pop() || `export.${get().exportFormat}` });
    if (!outcome.ok) set({ exportError: outcome.error });
    else if (outcome.value) set({ exportPath: outcome.value.path, exportResult: null, exportError: null });
  },
  runExport: async () => {
    const session = get().session;
    if (!session) return;
    const { exportFormat, exportPath, filter, sort, exportTarget } = get();
    set({ exportBusy: true, exportError: null, exportResult: null, exportDownload: null });
    if (exportTarget === 'download' && get().appInfo?.downloads) {
      // The service streams it to the browser, which saves it: nothing is held in this page.
      const ticket = await inspectorApi().export.download({ session_id: session.session_id, filter, sort, format: exportFormat });
      if (!ticket.ok) {
        set({ exportError: ticket.error, exportBusy: false });
        return;
      }
      startBrowserDownload(ticket.value.url, ticket.value.file_name);
      set({ exportDownload: ticket.value, exportBusy: false });
      return;
    }
    const outcome = await get().runJob('Exporting rows', 'export', (job_id) =>
      inspectorApi().export.rows({ session_id: session.session_id, job_id, filter, sort, format: exportFormat, path: exportPath.trim() }),
    );
    if (outcome.ok) set({ exportResult: outcome.value, exportBusy: false });
    else set({ exportError: outcome.error, exportBusy: false });
  },
});
