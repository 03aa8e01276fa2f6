import { useState } from 'react';
import type { RecoveryPreview, StoreRecoveryPlan } from '../contract.js';
import { useAppStore } from '../store/app-store.js';
import { DocumentChangeList } from './document-change-list.js';
import { RecoveryCounts } from './recovery-counts.js';
import { RecoveryDamagedNotes } from './recovery-damaged-notes.js';
import { RecoveryProblems } from './recovery-problems.js';
import { RecoverySkipped } from './recovery-skipped.js';
import { UncommittedNotice } from './uncommitted-notice.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One collection's part of the store's plan: what would change there, and what fails, is lost or skipped. */
function CollectionPlanSection({ part, planId }: { readonly part: RecoveryPreview & { readonly collection: string }; readonly planId: string }) {
  return (
    <section className="collection-section" data-testid="collection-section" data-collection={part.collection} aria-label={`Collection ${part.collection}`}>
      <h3 className="collection-section-title">
        {part.collection} <span className="muted small">{part.changes.length === 0 ? 'nothing to do' : plural(part.changes.length, 'document') + ' to change'}</span>
      </h3>
      <p className="muted small">
        Into <code>{part.store}</code>
      </p>
      <RecoveryCounts counts={part} verb="would" />
      {part.changes.length > 0 && <DocumentChangeList changes={part.changes} />}
      {part.foreign_collection_entries > 0 && (
        <p className="warn-text">{part.foreign_collection_entries} entries name another collection; they are applied to this one, as Sentinel does.</p>
      )}
      <RecoveryProblems counts={part} />
      <RecoveryDamagedNotes plan={{ ...part, plan_id: planId }} />
      <RecoverySkipped counts={part} />
    </section>
  );
}

/** Step 2 on a store session: the totals, a section per collection, then one confirmation for all. */
export function StoreRecoveryPlanView({ plan }: { readonly plan: StoreRecoveryPlan }) {
  const backup = useAppStore((s) => s.recoveryBackup);
  const runs = useAppStore((s) => s.recoveryRuns);
  const setOptions = useAppStore((s) => s.setRecoveryOptions);
  const applyRecovery = useAppStore((s) => s.applyRecovery);
  const [confirmed, setConfirmed] = useState(false);
  const changing = plan.collections.filter((c) => c.changes.length > 0);
  const marked = plan.collections.reduce((n, c) => n + c.changes.filter((x) => (x.uncommitted?.length ?? 0) > 0).length, 0);
  return (
    <div className="recovery-plan" data-testid="store-recovery-plan">
      <p>
        <strong>{plan.mode === 'safe' ? 'Safe' : 'Force'}</strong> recovery of {plural(plan.collections.length, 'collection')} of <code>{plan.store}</code>
        {plan.committed_only ? ', committed transactions only' : ''}: {plan.recovered_operations} recovered, {plan.skipped_operations} skipped,{' '}
        {plan.failed_operations} failed — {plural(plan.document_changes, 'document')} to change
        {changing.length > 0 ? ` in ${plural(changing.length, 'collection')}` : ''}.
      </p>
      {plan.skipped_collections.map((s) => (
        <p key={s.collection} className="muted small">
          {s.collection}: left out ({s.reason})
        </p>
      ))}
      <UncommittedNotice marked={marked} committedOnly={plan.committed_only} />
      {plan.document_changes === 0 && (
        <div className="nothing-to-do" role="status" data-testid="nothing-to-do">
          ✓ Nothing to do: every document of every collection already matches its log{runs > 1 ? ' (the recovery you ran is in place)' : ''}.
        </div>
      )}
      {plan.collections.map((c) => (
        <CollectionPlanSection key={c.collection} part={c} planId={plan.plan_id} />
      ))}
      {plan.document_changes > 0 && (
        <div className="confirm-box">
          <label className="check-option">
            <input type="checkbox" checked={backup} onChange={(e) => setOptions({ recoveryBackup: e.target.checked })} />
            <span>Copy every file it changes into each collection’s backup directory first (recommended)</span>
          </label>
          <label className="check-option">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} aria-label="I have read the plan" />
            <span>
              I have read the plan: change {plural(plan.document_changes, 'document')} in {changing.map((c) => c.collection).join(', ')}.
            </span>
          </label>
          <button type="button" className="danger" disabled={!confirmed} onClick={() => void applyRecovery()}>
            Apply recovery
          </button>
        </div>
      )}
    </div>
  );
}
