import { useShallow } from 'zustand/react/shallow';
import { formatCount } from '../lib/format.js';
import { useAppStore } from '../store/app-store.js';
import { selectTickedCollections } from '../store/slices/store-session-slice.js';
import { VerifyReportBody } from './verify-report-body.js';
import { VerifyRunState } from './verify-run-state.js';

/** Verify on a store session: the ticked collections, each against its own directory, a section per collection and the totals. */
export function StoreVerifyView() {
  const { report, running, error, stale } = useAppStore(
    useShallow((s) => ({ report: s.storeVerifyReport, running: s.storeVerifyRunning, error: s.storeVerifyError, stale: s.storeVerifyStale })),
  );
  const ticked = useAppStore(useShallow(selectTickedCollections));
  const runVerify = useAppStore((s) => s.runStoreVerify);
  return (
    <div className="verify-view">
      <div className="verify-controls">
        <span data-testid="store-verify-scope">
          {ticked.length === 0 ? 'No collection ticked: tick some in the list' : `Collections: ${ticked.join(', ')}`}
        </span>
        <button type="button" className="primary" onClick={() => void runVerify()} disabled={running !== null || ticked.length === 0}>
          {report ? 'Run again' : 'Run verify'}
        </button>
      </div>
      <VerifyRunState
        running={running}
        error={error}
        hasReport={report !== null}
        stale={stale}
        onRun={() => void runVerify()}
        intro="Verify replays each ticked collection’s log the way Sentinel does and compares it with that collection’s documents. It reads only; nothing is changed."
      />
      {report && (
        <div className="verify-report" data-testid="store-verify-report">
          <div className={`verdict ${report.passed ? 'passed' : 'failed'}`} data-testid="store-verify-total">
            <span className="verdict-mark" aria-hidden="true">
              {report.passed ? '✓' : '✗'}
            </span>
            <div>
              <strong>
                {report.passed
                  ? `All ${report.collections.length} collections passed`
                  : `${report.failed_collections} of ${report.collections.length} collections failed`}
              </strong>
              <div className="muted small">
                {formatCount(report.entries_processed)} entries processed · {formatCount(report.issue_counts.critical)} critical ·{' '}
                {formatCount(report.issue_counts.warning)} warnings · {formatCount(report.finding_counts.other)} findings
              </div>
            </div>
          </div>
          {report.skipped_collections.map((s) => (
            <p key={s.collection} className="muted small">
              {s.collection}: not verified ({s.reason})
            </p>
          ))}
          {report.collections.map((c) => (
            <section key={c.collection} className="collection-section" data-testid="collection-section" data-collection={c.collection} aria-label={`Collection ${c.collection}`}>
              <h3 className="collection-section-title">{c.collection}</h3>
              <VerifyReportBody report={c} />
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
