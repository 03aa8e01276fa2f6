import type { ExportResult, InspectorError } from '../../contract.js';
import { inspectorApi } from '../api-ref.js';
import type { SliceCreator } from '../app-state.js';

export interface ExportSlice {
  readonly exportFormat: 'jsonl' | 'csv';
  readonly exportPath: string;
  readonly exportResult: ExportResult | null;
  readonly exportError: InspectorError | null;
  readonly exportBusy: boolean;
  openExport: () => void;
  setExportOptions: (patch: Partial<Pick<ExportSlice, 'exportFormat' | 'exportPath'>>) => void;
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
};

/** A default output path beside the log: <dir>/wal-export-<time>.<ext>. */
export function defaultExportPath(dir: string, format: 'jsonl' | 'csv', now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return `${dir.replace(/[\\/]+$/, '')}${sep}wal-export-${stamp}.${format}`;
}

export const createExportSlice: SliceCreator<ExportSlice> = (set, get) => ({
  ...initialExportState,
  openExport: () => {
    // The user's home directory: never inside the store's collection directory, and not
    // wherever the server happened to be started (a checkout, a system directory).
    const dir = get().appInfo?.home ?? get().appInfo?.cwd ?? '';
    set({
      dialog: 'export',
      exportResult: null,
      exportError: null,
      exportPath: defaultExportPath(dir, get().exportFormat),
    });
  },
  setExportOptions: (patch) => {
    const next = { ...patch };
    // Keep the extension in step with the format when the path still has the other one.
    if (patch.exportFormat && !patch.exportPath) {
      const path = get().exportPath;
      next.exportPath = path.replace(/\.(jsonl|csv)$/, `.${patch.exportFormat}`);
    }
    set({ ...next, exportResult: null, exportError: null });
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
    const { exportFormat, exportPath, filter, sort } = get();
    set({ exportBusy: true, exportError: null, exportResult: null });
    const outcome = await get().runJob('Exporting rows', 'export', (job_id) =>
      inspectorApi().export.rows({ session_id: session.session_id, job_id, filter, sort, format: exportFormat, path: exportPath.trim() }),
    );
    if (outcome.ok) set({ exportResult: outcome.value, exportBusy: false });
    else set({ exportError: outcome.error, exportBusy: false });
  },
});
