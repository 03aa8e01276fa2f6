import { useEffect, useState } from 'react';
import type { InspectorError, RestorePlanResult, RestoreReport } from '../contract.js';
import { inspectorApi } from '../store/api-ref.js';
import { useAppStore } from '../store/app-store.js';
import { ErrorMessage } from './error-message.js';
import { RehearseRestore } from './rehearse-restore.js';

const SHOWN = 50;

/**
 * "Restore to here": every document the log touches after this point goes back to its state
 * at it (restore.plan with `until`: a row's `segment:offset`, or a time in milliseconds from
 * the timeline). The preview comes first and lists what changes; Apply writes it with a backup.
 * A new `until` drops the old preview, so a plan is never applied for a point no longer shown.
 */
export function RestoreToHere({ until, label }: { readonly until: string; readonly label: string }) {
  const sessionId = useAppStore((s) => s.session?.session_id ?? null);
  const [plan, setPlan] = useState<RestorePlanResult | null>(null);
  const [done, setDone] = useState<RestoreReport | null>(null);
  const [error, setError] = useState<InspectorError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setPlan(null);
    setDone(null);
    setError(null);
  }, [until]);

  async function preview() {
    if (sessionId === null) return;
    setBusy(true);
    setError(null);
    setDone(null);
    const r = await inspectorApi().restore.plan({ session_id: sessionId, until });
    setBusy(false);
    if (r.ok) setPlan(r.value);
    else setError(r.error);
  }

  async function apply() {
    if (sessionId === null || !plan) return;
    setBusy(true);
    const r = await inspectorApi().restore.apply({ session_id: sessionId, plan_id: plan.plan_id, backup: true });
    setBusy(false);
    if (r.ok) {
      setDone(r.value);
      setPlan(null);
    } else setError(r.error);
  }

  return (
    <div className="restore-to-here">
      <button type="button" onClick={() => void preview()} disabled={busy || sessionId === null} title={`restore.plan until ${until}`}>
        Restore to here…
      </button>
      <RehearseRestore target={{ until }} what={`back to ${label}`} />
      {error && <ErrorMessage title="The restore could not be planned" error={error} />}
      {plan && (
        <div role="region" aria-label="Restore to here preview" className="small">
          <p>
            Back to {label}: {plan.changes.length} document{plan.changes.length === 1 ? '' : 's'} change
            {plan.incomplete.length > 0 && <>, {plan.incomplete.length} with an incomplete history left as they are</>}.
            Rolled-back and never-terminated transactions are {plan.selection.uncommitted === 'included' ? 'kept' : 'left out'}.
          </p>
          <ul aria-label="Documents the restore changes">
            {plan.changes.slice(0, SHOWN).map((c) => (
              <li key={`${c.collection}/${c.document_id}`} className="mono">{c.operation} {c.collection}/{c.document_id}</li>
            ))}
            {plan.changes.length > SHOWN && <li className="muted">… and {plan.changes.length - SHOWN} more</li>}
          </ul>
          {plan.notes.map((n) => <p key={n} className="muted">{n}</p>)}
          {plan.changes.length > 0
            ? <button type="button" onClick={() => void apply()} disabled={busy}>Apply the restore (with a backup)</button>
            : <p>Nothing to change: the store already matches this point.</p>}
          <button type="button" onClick={() => setPlan(null)}>Cancel</button>
        </div>
      )}
      {done?.applied && (
        <p role="status" className="small">
          Restored to {label}: {done.applied.written} document{done.applied.written === 1 ? '' : 's'} written
          {done.applied.backups.length > 0 && <>; backup in {done.applied.backups.join(', ')}</>}.
        </p>
      )}
    </div>
  );
}
