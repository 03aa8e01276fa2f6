import { useShallow } from 'zustand/react/shallow';
import { formatBytes, formatCount } from '../lib/format.js';
import { useAppStore } from '../store/app-store.js';
import { selectActiveFilterCount } from '../store/selectors.js';
import { ErrorMessage } from './error-message.js';
import { Modal } from './modal.js';

/** Export the rows the table shows (filter and sort included) as JSON Lines or CSV. */
export function ExportDialog() {
  const { format, path, result, error, busy, total, target, download } = useAppStore(
    useShallow((s) => ({
      target: s.exportTarget,
      download: s.exportDownload,
      format: s.exportFormat,
      path: s.exportPath,
      result: s.exportResult,
      error: s.exportError,
      busy: s.exportBusy,
      total: s.rowsTotal,
    })),
  );
  const filters = useAppStore(selectActiveFilterCount);
  const setOptions = useAppStore((s) => s.setExportOptions);
  const runExport = useAppStore((s) => s.runExport);
  const openDialog = useAppStore((s) => s.openDialog);
  const chooseExportPath = useAppStore((s) => s.chooseExportPath);
  const dialogs = useAppStore((s) => s.appInfo?.dialogs ?? false);
  const canDownload = useAppStore((s) => s.appInfo?.downloads ?? false);
  const downloading = canDownload && target === 'download';
  const footer = (
    <>
      <button type="button" className="primary" onClick={() => void runExport()} disabled={busy || (!downloading && !path.trim())}>
        {downloading ? 'Download' : 'Export'} {formatCount(total)} rows
      </button>
      <button type="button" onClick={() => openDialog(null)} disabled={busy}>
        Close
      </button>
    </>
  );
  return (
    <Modal title="Export rows" onClose={() => openDialog(null)} footer={footer} busy={busy}>
      <p className="muted">
        {filters > 0 ? `The ${formatCount(total)} rows that match the current filter` : `All ${formatCount(total)} rows`}, in the table’s order.
      </p>
      <fieldset className="inline-choice">
        <legend>Format</legend>
        <label>
          <input type="radio" name="export-format" checked={format === 'jsonl'} onChange={() => setOptions({ exportFormat: 'jsonl' })} /> JSON Lines
        </label>
        <label>
          <input type="radio" name="export-format" checked={format === 'csv'} onChange={() => setOptions({ exportFormat: 'csv' })} /> CSV
        </label>
      </fieldset>
      {canDownload && (
        <fieldset className="inline-choice">
          <legend>Save</legend>
          <label>
            <input type="radio" name="export-target" checked={target === 'download'} onChange={() => setOptions({ exportTarget: 'download' })} /> Download
            through the browser
          </label>
          <label>
            <input type="radio" name="export-target" checked={target === 'file'} onChange={() => setOptions({ exportTarget: 'file' })} /> Write a file on
            the server
          </label>
        </fieldset>
      )}
      {!downloading && (
        <label className="field">
          <span className="field-label">Write to (a new file; existing files are never overwritten)</span>
          <span className="input-with-button">
            <input type="text" className="mono" value={path} onChange={(e) => setOptions({ exportPath: e.target.value })} aria-label="Export path" />
            {dialogs && (
              <button type="button" onClick={() => void chooseExportPath()}>
                Choose…
              </button>
            )}
          </span>
        </label>
      )}
      {error && <ErrorMessage title="Export failed" error={error} />}
      {download && (
        <div className="verdict passed" role="status">
          <span className="verdict-mark">✓</span>
          <span>
            Download started: <code>{download.file_name}</code> — your browser saves it (its downloads list shows the progress).
          </span>
        </div>
      )}
      {result && (
        <div className="verdict passed" role="status">
          <span className="verdict-mark">✓</span>
          <span>
            Wrote {formatCount(result.rows)} rows ({formatBytes(result.bytes)}) to <code>{result.path}</code>
          </span>
        </div>
      )}
    </Modal>
  );
}
