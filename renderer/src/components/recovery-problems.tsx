import type { RecoveryCounts } from '../contract.js';
import { damageLabel } from '../lib/describe-damage.js';
import { shortenId } from '../lib/format.js';
import { GrowingList } from './growing-list.js';
import { RowLink } from './row-link.js';

/** Entries lost to damage, failures and dropped entries, each linked to its row. */
export function RecoveryProblems({ counts }: { readonly counts: RecoveryCounts }) {
  const dropped = counts.dropped ?? [];
  return (
    <>
      {counts.lost.length > 0 && (
        <section className="plan-section trouble-section">
          <h3>Lost to damage ({counts.lost.length})</h3>
          <p className="muted small">These bytes could not be read: whatever entries they held cannot be replayed.</p>
          <GrowingList
            items={counts.lost}
            render={(l, i) => (
              <li key={i} className="issue">
                <strong className="trouble-text">{damageLabel(l.damage)}</strong> — {l.length} bytes skipped. {l.detail}{' '}
                <RowLink row={l.row} segment={l.segment} offset={l.offset} />
              </li>
            )}
          />
        </section>
      )}
      {counts.failures.length > 0 && (
        <section className="plan-section">
          <h3>Failed ({counts.failures.length})</h3>
          <GrowingList
            items={counts.failures}
            render={(f, i) => (
              <li key={i} className="issue">
                {f.operation_type === 'read' ? (
                  <strong>Unreadable bytes</strong>
                ) : (
                  <>
                    <span className="mono">{f.operation_type}</span> {f.document_id} <span className="mono muted">tx {shortenId(f.transaction_id)}</span>
                  </>
                )}{' '}
                — {f.reason} <RowLink row={f.row} segment={f.segment} offset={f.offset} />
              </li>
            )}
          />
        </section>
      )}
      {dropped.length > 0 && (
        <section className="plan-section">
          <h3>Dropped, not committed ({dropped.length})</h3>
          <GrowingList
            items={dropped}
            render={(d, i) => (
              <li key={i} className="issue">
                <span className="mono">{d.operation_type}</span> {d.document_id} — {d.reason} <RowLink row={d.row} segment={d.segment} offset={d.offset} />
              </li>
            )}
          />
        </section>
      )}
    </>
  );
}
