import type { VerifyFinding, VerifyIssue } from '../contract.js';
import { formatCount, shortenId } from '../lib/format.js';
import { GrowingList } from './growing-list.js';
import { RowLink } from './row-link.js';

interface VerifyIssueListProps {
  readonly title: string;
  /** The issues of this severity the report lists, with their index in the report's `issues`. */
  readonly issues: readonly { readonly issue: VerifyIssue; readonly index: number }[];
  /** How many there are in all (the report lists at most VERIFY_LISTED). */
  readonly total: number;
  readonly critical: boolean;
  /** Our false-alarm findings by the index of the issue they explain. */
  readonly falseAlarms: ReadonlyMap<number, readonly VerifyFinding[]>;
}

/** The original writes "unknown" for ids it could not read. */
function known(id: string): boolean {
  return id !== '' && id !== 'unknown';
}

/** Where the issues and findings a report leaves out are. */
export const VERIFY_REST = <>the command line’s <code>verify --json</code> lists them all.</>;

/** Sentinel's issues of one severity, each linked to its entry; long lists grow on demand. */
export function VerifyIssueList({ title, issues, total, critical, falseAlarms }: VerifyIssueListProps) {
  if (total === 0) return null;
  return (
    <section className={`verify-group ${critical ? 'critical' : 'warning'}`}>
      <h3>
        {title} ({formatCount(total)})
      </h3>
      <GrowingList
        items={issues}
        total={total}
        restWhere={VERIFY_REST}
        render={({ issue, index }) => {
          const alarms = falseAlarms.get(index) ?? [];
          return (
            <li key={index} className={`issue${alarms.length > 0 ? ' false-alarm' : ''}`}>
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
        }}
      />
    </section>
  );
}
