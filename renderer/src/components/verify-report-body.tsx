import { useMemo } from 'react';
import type { VerifyFinding, VerifyReport } from '../contract.js';
import { formatCount } from '../lib/format.js';
import { RowLink } from './row-link.js';
import { GrowingList } from './growing-list.js';
import { VERIFY_REST, VerifyIssueList } from './verify-issue-list.js';

/** One verify report: Sentinel's verdict, its issues with our false-alarm notes, and our findings (a collection's, or a store section's). */
export function VerifyReportBody({ report, title }: { readonly report: VerifyReport; readonly title?: string }) {
  const falseAlarms = useMemo(() => {
    const byIssue = new Map<number, VerifyFinding[]>();
    for (const f of report.findings) {
      if (f.kind !== 'false-alarm' || f.issue === undefined) continue;
      const list = byIssue.get(f.issue);
      if (list) list.push(f);
      else byIssue.set(f.issue, [f]);
    }
    return byIssue;
  }, [report]);
  const others = useMemo(() => report.findings.filter((f) => f.kind !== 'false-alarm'), [report]);
  const indexed = useMemo(() => report.issues.map((issue, index) => ({ issue, index })), [report]);
  return (
    <>
      <div className={`verdict ${report.passed ? 'passed' : 'failed'}`}>
        <span className="verdict-mark" aria-hidden="true">
          {report.passed ? '✓' : '✗'}
        </span>
        <div>
          <strong>
            {title ? `${title}: ` : ''}
            {report.passed ? 'Sentinel’s verdict: passed' : 'Sentinel’s verdict: failed'}
          </strong>
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
    </>
  );
}
