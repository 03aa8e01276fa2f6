import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/app-store.js';
import type { RecoveryStep } from '../store/slices/recovery-slice.js';
import { ErrorMessage } from './error-message.js';
import { JobProgressLine } from './job-progress-line.js';
import { Modal } from './modal.js';
import { RecoveryOptions } from './recovery-options.js';
import { RecoveryPlanView } from './recovery-plan-view.js';
import { RecoveryResultView } from './recovery-result-view.js';
import { RehearseRecovery } from './rehearse-recovery.js';
import { CollectionTicks } from './collection-ticks.js';
import { StoreRecoveryPlanView } from './store-recovery-plan-view.js';
import { StoreRecoveryResultView } from './store-recovery-result-view.js';
import { selectTickedCollections } from '../store/slices/store-session-slice.js';

const STEPS: ReadonlyArray<{ readonly id: RecoveryStep; readonly label: string }> = [
  { id: 'options', label: 'Choose' },
  { id: 'plan', label: 'Preview' },
  { id: 'applying', label: 'Apply' },
  { id: 'result', label: 'Result' },
];

function stepNumber(step: RecoveryStep): number {
  return step === 'planning' ? 0 : STEPS.findIndex((s) => s.id === step);
}

/** Choose → preview → confirm → apply → result; "run again" plans once more. */
export function RecoveryWizard() {
  const { step, plan, result, error, job } = useAppStore(
    useShallow((s) => ({ step: s.recoveryStep, plan: s.recoveryPlan, result: s.recoveryResult, error: s.recoveryError, job: s.recoveryJob })),
  );
  const store = useAppStore((s) => s.recoveryStore);
  // A store session recovers the ticked collections, each into its own directory: no store to type.
  const storeSession = useAppStore((s) => s.session?.store !== undefined);
  const tickedCount = useAppStore((s) => selectTickedCollections(s).length);
  const { storePlan, storeResult } = useAppStore(useShallow((s) => ({ storePlan: s.storeRecoveryPlan, storeResult: s.storeRecoveryResult })));
  const canPlan = storeSession ? tickedCount > 0 : store.trim() !== '';
  const openDialog = useAppStore((s) => s.openDialog);
  const planRecovery = useAppStore((s) => s.planRecovery);
  const back = useAppStore((s) => s.backToRecoveryOptions);
  const busy = step === 'planning' || step === 'applying';
  const current = stepNumber(step);

  const footer = (
    <>
      {step === 'options' && (
        <button type="button" className="primary" onClick={() => void planRecovery()} disabled={!canPlan}>
          Preview the plan
        </button>
      )}
      {step === 'plan' && (
        <button type="button" onClick={back}>
          Back
        </button>
      )}
      {step === 'result' && (
        <button type="button" className="primary" onClick={() => void planRecovery()}>
          Run again
        </button>
      )}
      <button type="button" onClick={() => openDialog(null)} disabled={busy}>
        {step === 'result' ? 'Done' : 'Cancel'}
      </button>
    </>
  );

  return (
    <Modal title="Recover the store from the log" onClose={() => openDialog(null)} footer={footer} wide busy={busy}>
      <ol className="wizard-steps" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li key={s.id} className={i === current ? 'current' : i < current ? 'done' : ''} aria-current={i === current ? 'step' : undefined}>
            {s.label}
          </li>
        ))}
      </ol>
      {error && <ErrorMessage title={step === 'plan' ? 'The recovery did not run' : 'The plan could not be made'} error={error} />}
      {step === 'options' && storeSession && <CollectionTicks legend="Collections to recover, each from its own log into its own directory" />}
      {step === 'options' && <RecoveryOptions />}
      {busy && job && <JobProgressLine jobId={job} />}
      {step === 'planning' && <p className="muted">Reading the log and the store; nothing is written.</p>}
      {step === 'plan' && plan && <RecoveryPlanView plan={plan} />}

      {step === 'plan' && storeSession && storePlan && <StoreRecoveryPlanView plan={storePlan} />}
      {step === 'plan' && (storeSession ? storePlan && storePlan.document_changes > 0 && <RehearseRecovery plan={storePlan} />
        : plan && plan.changes.length > 0 && <RehearseRecovery plan={plan} />)}
      {step === 'applying' && <p className="muted">Backing up, then writing each document atomically…</p>}
      {step === 'result' && result && <RecoveryResultView result={result} />}
      {step === 'result' && storeSession && storeResult && <StoreRecoveryResultView result={storeResult} />}
    </Modal>
  );
}
