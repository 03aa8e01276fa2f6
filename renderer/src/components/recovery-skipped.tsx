import type { RecoveryCounts } from '../contract.js';
import { formatCount, shortenId } from '../lib/format.js';
import { GrowingList } from './growing-list.js';
import { RowLink } from './row-link.js';

/** What the replay skips and why: the count of each reason, then the entries, each linked to its row. */
export function RecoverySkipped({ counts }: { readonly counts: RecoveryCounts }) {
  const reasons = counts.skipped_by_reason ?? [];
  const listed = counts.skipped ?? [];
  if (counts.skipped_operations === 0 || reasons.length === 0) return null;
  return (
    <section className="plan-section" data-testid="recovery-skipped">
      <details>
        <summary>
          <h3 className="inline-heading">Skipped ({formatCount(counts.skipped_operations)}), and why</h3>
        </summary>
        <ul className="reason-list">
          {reasons.map((r) => (
            <li key={r.reason}>
              <strong>{formatCount(r.count)}</strong> — {r.reason}
            </li>
          ))}
        </ul>
        {listed.length > 0 && (
          <GrowingList
            items={listed}
            total={listed.length}
            render={(k, i) => (
              <li key={i} className="issue">
                <span className="mono">{k.entry_type}</span> {k.document_id} <span className="mono muted">tx {shortenId(k.transaction_id)}</span> — {k.reason}{' '}
                <RowLink row={k.row} segment={k.segment} offset={k.offset} />
              </li>
            )}
          />
        )}
      </details>
    </section>
  );
}
