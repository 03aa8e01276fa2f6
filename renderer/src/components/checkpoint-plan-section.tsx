import type { CheckpointPreview } from '../contract.js';

/** What a checkpoint would do to one log: the verification, why compaction is refused, what is sealed and removed. */
export function CheckpointPlanSection({ plan, title = 'Preview' }: { readonly plan: CheckpointPreview; readonly title?: string }) {
  return (
    <section className="plan-section" data-testid="checkpoint-plan">
      <h3>{title}</h3>
      <p>
        Verification:{' '}
        {plan.verify_passed === null ? (
          <span className="badge">not run — a plain checkpoint only flushes and syncs; compaction verifies first</span>
        ) : plan.verify_passed ? (
          <span className="badge ok">passed</span>
        ) : (
          <span className="badge trouble">{plan.critical_issues} critical issues</span>
        )}
      </p>
      {plan.refused && <p className="trouble-text">Refused: {plan.refused}</p>}
      {plan.blocked_by.length > 0 && (
        <ul aria-label="Why compaction is refused" data-testid="checkpoint-blockers">
          {plan.blocked_by.map((b, i) => (
            <li key={i}>
              {b.description}
              {b.segment !== undefined && <> — <code>{b.segment}:{b.offset ?? 0}</code></>}
            </li>
          ))}
          {plan.blocked_total > plan.blocked_by.length && <li className="muted">… and {plan.blocked_total - plan.blocked_by.length} more</li>}
        </ul>
      )}
      {plan.writer_check === 'unavailable' && (
        <p className="muted" data-testid="checkpoint-writer-note">
          This system has no /proc: other processes writing the log were looked for only through our writer lock; files that
          change while compacting are kept.
        </p>
      )}
      <p>
        {plan.seal ? (
          <>
            Seals <code>{plan.seal.segment}</code> ({plan.seal.entries} entries) as <code>{plan.seal.final}</code>.
          </>
        ) : (
          'Nothing is sealed: the active segment is flushed and synced only.'
        )}
      </p>
      {plan.remove.length > 0 ? (
        <ul>
          {plan.remove.map((r) => (
            <li key={r.segment}>
              removes <code>{r.segment}</code> — {r.reason}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No segment is removed.</p>
      )}
    </section>
  );
}
