import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { VerifyFinding } from '../contract.js';
import { formatCount } from '../lib/format.js';
import { useAppStore } from '../store/app-store.js';
import { ErrorMessage } from './error-message.js';
import { JobProgressLine } from './job-progress-line.js';
import { RowLink } from './row-link.js';
import { GrowingList } from './growing-list.js';
import { VERIFY_REST, VerifyIssueList } from './verify-issue-list.js';

/** Sentinel's verdict over the log and store, with our findings beside it. */
export function VerifyView() {
  const { report, running, error, store, stale } = useAppStore(
    useShallow((s) => ({ report: s.verifyReport, running: s.verifyRunning, error: s.verifyError, store: s.verifyStore, stale: s.verifyStale })),
  );
  const collectionDir = useAppStore((s) => s.session?.collection_dir ?? null);
  const runVerify = useAppStore((s) => s.runVerify);
  const setVerifyStore = useAppStore((s) => s.setVerifyStore);

  const falseAlarms = useMemo(() => {
    const byIssue = new Map<number, VerifyFinding[]>();
    for (const f of report?.findings ?? []) {
      if (f.kind !== 'false-alarm' || f.issue === undefined) continue;
      const list = byIssue.get(f.issue);
      if (list) list.push(f);
      else byIssue.set(f.issue, [f]);
    }
    return byIssue;
  }, [report]);
  const others = useMemo(() => report?.findings.filter((f) => f.kind !== 'false-alarm') ?? [], [report]);
  const indexed = useMemo(() => (report?.issues ?? []).map((issue, index) => ({ issue, index })), [report]);

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
      {running && <JobProgressLine jobId={running} />}
      {error && <ErrorMessage title="Verify could not run" error={error} />}
      {!report && !running && !error && (
        <p className="muted">
          Verify replays the log the way Sentinel does and compares it with the documents on disk. It reads only; nothing is
          changed.
        </p>
      )}
      {report && stale && !running && (
        <div className="notice warn-box" role="status" data-testid="verify-stale">
          These results are out of date: {stale}.{' '}
          <button type="button" onClick={() => void runVerify()}>
            Verify again
          </button>
        </div>
      )}
      {report && (
        <div className="verify-report" data-testid="verify-report">
          <div className={`verdict ${report.passed ? 'passed' : 'failed'}`}>
            <span className="verdict-mark" aria-hidden="true">
              {report.passed ? '✓' : '✗'}
            </span>
            <div>
              <strong>{report.passed ? 'Sentinel’s verdict: passed' : 'Sentinel’s verdict: failed'}</strong>
              <div className="muted small">
                {formatCount(report.entries_processed)} entries processed · {formatCount(report.affected_documents)} documents affected ·{' '}
                {report.store ? `checked against ${report.store}` : 'log only'}
              </div>
            </div>
          </div>
          <VerifyIssueList
            title="Critical issues" critical total={report.issue_counts.critical}
            issues={indexed.filter((x) => x.issue.is_critical)} falseAlarms={falseAlarms}
          />
          <VerifyIssueList
            title="Warnings" critical={false} total={report.issue_counts.warning}
            issues={indexed.filter((x) => !x.issue.is_critical)} falseAlarms={falseAlarms}
          />
          {report.issues.length === 0 && <p className="muted">Sentinel reported no issues.</p>}
          <section className="verify-group findings">
            <h3>Our findings ({formatCount(report.finding_counts.other)})</h3>
            {others.length === 0 ? (
              <p className="muted">Nothing beyond the verdict.</p>
            ) : (
              <GrowingList
                items={others}
                total={report.finding_counts.other}
                restWhere={VERIFY_REST}
                render={(f, i) => (
                  <li key={i} className={`issue finding-${f.severity}`}>
                    <div className="issue-text">
                      <span className={`badge ${f.severity === 'warning' ? 'warn' : ''}`}>{f.kind}</span> {f.description}
                    </div>
                    <div className="issue-where muted small">
                      {f.document_id && <span>document {f.document_id} · </span>}
                      <RowLink row={f.row} segment={f.segment} offset={f.offset} />
                    </div>
                  </li>
                )}
              />
            )}
          </section>
        </div>
      )}
    </div>
  );
}
