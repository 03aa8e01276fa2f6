import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/app-store.js';
import { VerifyReportBody } from './verify-report-body.js';
import { VerifyRunState } from './verify-run-state.js';

/** Sentinel's verdict over the log and store, with our findings beside it. */
export function VerifyView() {
  const { report, running, error, store, stale } = useAppStore(
    useShallow((s) => ({ report: s.verifyReport, running: s.verifyRunning, error: s.verifyError, store: s.verifyStore, stale: s.verifyStale })),
  );
  const collectionDir = useAppStore((s) => s.session?.collection_dir ?? null);
  const runVerify = useAppStore((s) => s.runVerify);
  const setVerifyStore = useAppStore((s) => s.setVerifyStore);

  return (
    <div className="verify-view">
      <div className="verify-controls">
        <label className="inline-field">
          Check against
          <select
            value={store === null || !collectionDir ? 'log' : 'store'}
            onChange={(e) => setVerifyStore(e.target.value === 'log' ? null : undefined)}
            aria-label="Check against"
          >
            {collectionDir ? (
              <option value="store">the store ({collectionDir})</option>
            ) : (
              <option value="store" disabled>the store (none: this log is not inside a collection)</option>
            )}
            <option value="log">the log alone</option>
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void runVerify()} disabled={running !== null}>
          {report ? 'Run again' : 'Run verify'}
        </button>
      </div>
      <VerifyRunState
        running={running}
        error={error}
        hasReport={report !== null}
        stale={stale}
        onRun={() => void runVerify()}
        intro="Verify replays the log the way Sentinel does and compares it with the documents on disk. It reads only; nothing is changed."
      />
      {report && (
        <div className="verify-report" data-testid="verify-report">
          <VerifyReportBody report={report} />
        </div>
      )}
    </div>
  );
}
