import { useState } from 'react';
import type { RecoveryPlan } from '../contract.js';
import { useAppStore } from '../store/app-store.js';
import { DocumentChangeList } from './document-change-list.js';
import { RecoveryCounts } from './recovery-counts.js';
import { RecoveryDamagedNotes } from './recovery-damaged-notes.js';
import { RecoveryProblems } from './recovery-problems.js';
import { RecoverySkipped } from './recovery-skipped.js';
import { UncommittedNotice } from './uncommitted-notice.js';

/** Step 2: what the recovery would do, then confirm. */
export function RecoveryPlanView({ plan }: { readonly plan: RecoveryPlan }) {
  const backup = useAppStore((s) => s.recoveryBackup);
  const runs = useAppStore((s) => s.recoveryRuns);
  const setOptions = useAppStore((s) => s.setRecoveryOptions);
  const [confirmed, setConfirmed] = useState(false);
  const nothingToDo = plan.changes.length === 0;
  return (
    <div className="recovery-plan" data-testid="recovery-plan">
      <p>
        <strong>{plan.mode === 'safe' ? 'Safe' : 'Force'}</strong> recovery of <code>{plan.store}</code>
        {plan.committed_only ? ', committed transactions only' : ''}.
      </p>
      <RecoveryCounts counts={plan} verb="would" />
      <UncommittedNotice marked={plan.changes.filter((c) => (c.uncommitted?.length ?? 0) > 0).length} committedOnly={plan.committed_only} />
      {nothingToDo ? (
        <div className="nothing-to-do" role="status" data-testid="nothing-to-do">
          ✓ Nothing to do: every document already matches the log{runs > 1 ? ' (the recovery you ran is in place)' : ''}.
          {plan.recovered_operations > 0 && (
            <span className="muted small"> Sentinel’s counters still count {plan.recovered_operations} replayed operations; none changes a file.</span>
          )}
        </div>
      ) : (
        <section className="plan-section">
          <h3>Documents that would change ({plan.changes.length})</h3>
          <DocumentChangeList changes={plan.changes} />
        </section>
      )}
      {plan.foreign_collection_entries > 0 && (
        <p className="warn-text">
          {plan.foreign_collection_entries} entries name another collection; they are applied to this one, as Sentinel does.
        </p>
      )}
      <RecoveryProblems counts={plan} />
      <RecoveryDamagedNotes plan={plan} />
      <RecoverySkipped counts={plan} />
      {!nothingToDo && (
        <div className="confirm-box">
          <label className="check-option">
            <input type="checkbox" checked={backup} onChange={(e) => setOptions({ recoveryBackup: e.target.checked })} />
            <span>Copy every file it changes into a backup directory first (recommended)</span>
          </label>
          <label className="check-option">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} aria-label="I have read the plan" />
            <span>
              I have read the plan: change {plan.changes.length} document{plan.changes.length === 1 ? '' : 's'} in <code>{plan.store}</code>.
            </span>
          </label>
          <ApplyButton disabled={!confirmed} />
        </div>
      )}
    </div>
  );
}

function ApplyButton({ disabled }: { readonly disabled: boolean }) {
  const applyRecovery = useAppStore((s) => s.applyRecovery);
  return (
    <button type="button" className="danger" disabled={disabled} onClick={() => void applyRecovery()}>
      Apply recovery
    </button>
  );
}

