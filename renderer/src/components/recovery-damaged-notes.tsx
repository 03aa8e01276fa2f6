import type { RecoveryPlan } from '../contract.js';

/** The plan's notes about damaged transactions (core/recovery/damaged-transaction-notes.ts words them). */
export function damagedTransactionNotes(plan: RecoveryPlan): string[] {
  return plan.notes.filter((n) => /^transaction \S+ is damaged: /.test(n) || /^\d+ more damaged transactions/.test(n));
}

/** What the recovery does with each transaction that lost an entry to damage. */
export function RecoveryDamagedNotes({ plan }: { readonly plan: RecoveryPlan }) {
  const notes = damagedTransactionNotes(plan);
  if (notes.length === 0) return null;
  return (
    <section className="plan-section" data-testid="recovery-damaged-transactions">
      <h3>Damaged transactions ({notes.length})</h3>
      <ul className="plain-list">
        {notes.map((n) => (
          <li key={n} className="warn-text">{n}</li>
        ))}
      </ul>
    </section>
  );
}
