import type { VerifyFinding, VerifyIssue } from '../contract.js';
import { shortenId } from '../lib/format.js';
import { RowLink } from './row-link.js';

interface VerifyIssueListProps {
  readonly title: string;
  readonly issues: readonly VerifyIssue[];
  readonly critical: boolean;
  /** Our false-alarm findings, shown beneath the issue they explain. */
  readonly falseAlarms: readonly VerifyFinding[];
}

/** The original writes "unknown" for ids it could not read. */
function known(id: string): boolean {
  return id !== '' && id !== 'unknown';
}

function explains(finding: VerifyFinding, issue: VerifyIssue): boolean {
  if (finding.row !== undefined && issue.row !== undefined) return finding.row === issue.row;
  return finding.transaction_id === issue.transaction_id && finding.document_id === issue.document_id;
}

/** Sentinel's issues of one severity, each linked to its entry. */
export function VerifyIssueList({ title, issues, critical, falseAlarms }: VerifyIssueListProps) {
  if (issues.length === 0) return null;
  return (
    <section className={`verify-group ${critical ? 'critical' : 'warning'}`}>
      <h3>
        {title} ({issues.length})
      </h3>
      <ul className="issue-list">
        {issues.map((issue, i) => {
          const alarms = falseAlarms.filter((f) => explains(f, issue));
          return (
            <li key={i} className={`issue${alarms.length > 0 ? ' false-alarm' : ''}`}>
              <div className="issue-text">{issue.description}</div>
              <div className="issue-where muted small">
                {known(issue.document_id) && <span>document {issue.document_id} · </span>}
                {issue.transaction_id === 'final_check' ? (
                  <span>final check · </span>
                ) : (
                  known(issue.transaction_id) && <span className="mono">tx {shortenId(issue.transaction_id)} · </span>
                )}
                <RowLink row={issue.row} segment={issue.segment} offset={issue.offset} />
              </div>
              {alarms.map((a, k) => (
                <div key={k} className="false-alarm-note" role="note">
                  <strong>False alarm:</strong> {a.description}
                </div>
              ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
