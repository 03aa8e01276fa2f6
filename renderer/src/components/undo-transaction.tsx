import { useState } from 'react';
import type { InspectorError, RestorePlanResult, RestoreReport } from '../contract.js';
import { inspectorApi } from '../store/api-ref.js';
import { useAppStore } from '../store/app-store.js';
import { ErrorMessage } from './error-message.js';

/**
 * "Undo this transaction": the conflict analysis first (restore.plan with exclude_tx) — the
 * documents whose change is undone while later independent changes stay, and those a later
 * transaction changed again at the same paths (left as they are) — then, on the user's word,
 * restore.apply with a backup. Nothing is written before Apply.
 */
export function UndoTransaction() {
  const sessionId = useAppStore((s) => s.session?.session_id ?? null);
  const [id, setId] = useState('');
  const [plan, setPlan] = useState<RestorePlanResult | null>(null);
  const [done, setDone] = useState<RestoreReport | null>(null);
  const [error, setError] = useState<InspectorError | null>(null);

  async function analyse() {
    if (sessionId === null || id.trim() === '') return;
    setDone(null);
    setError(null);
    const r = await inspectorApi().restore.plan({ session_id: sessionId, exclude_tx: [id.trim()] });
    if (r.ok) setPlan(r.value);
    else setError(r.error);
  }

  async function apply() {
    if (sessionId === null || !plan) return;
    const r = await inspectorApi().restore.apply({ session_id: sessionId, plan_id: plan.plan_id });
    if (r.ok) {
      setDone(r.value);
      setPlan(null);
    } else setError(r.error);
  }

  return (
    <details className="undo-transaction">
      <summary>Undo a transaction…</summary>
      <form onSubmit={(e) => { e.preventDefault(); void analyse(); }}>
        <label>
          Transaction id <input value={id} onChange={(e) => setId(e.target.value)} aria-label="Transaction to undo" />
        </label>
        <button type="submit" disabled={id.trim() === ''}>Analyse</button>
      </form>
      {error && <ErrorMessage title="The undo could not be planned" error={error} />}
      {plan && (
        <div role="region" aria-label="Undo analysis">
          <p className="small">
            {plan.excluded_entries} entr{plan.excluded_entries === 1 ? 'y' : 'ies'} left out; {plan.changes.length} document{plan.changes.length === 1 ? '' : 's'} to change
            (later independent changes kept), {plan.conflicts.length} in conflict.
          </p>
          <ul className="small">
            {plan.changes.map((c) => <li key={`${c.collection}/${c.document_id}`}>independent: {c.operation} {c.document_id}</li>)}
            {plan.conflicts.map((c) => (
              <li key={`c:${c.collection}/${c.document_id}`} className="trouble-text">
                overwritten later: {c.document_id} at {c.paths.join(', ')} by {c.transactions.join(', ')} — left as it is
              </li>
            ))}
          </ul>
          {plan.notes.map((n) => <p key={n} className="small muted">{n}</p>)}
          {plan.changes.length > 0 && <button type="button" onClick={() => void apply()}>Apply the undo (with a backup)</button>}
        </div>
      )}
      {done?.applied && <p role="status" className="small">Undone: {done.applied.written} document{done.applied.written === 1 ? '' : 's'} written.</p>}
    </details>
  );
}
