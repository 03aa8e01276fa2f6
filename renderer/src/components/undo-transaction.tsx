import { useEffect, useState } from 'react';
import type { InspectorError, RestorePlanResult, RestoreReport } from '../contract.js';
import { inspectorApi } from '../store/api-ref.js';
import { useAppStore } from '../store/app-store.js';
import { ErrorMessage } from './error-message.js';
import { RehearseRestore } from './rehearse-restore.js';
import { UndoAnalysis } from './undo-analysis.js';

/**
 * "Undo this transaction": the conflict analysis first (restore.plan with exclude_tx) — the
 * documents whose change is undone while later independent changes stay, and those a later
 * transaction changed again at the same paths (left as they are) — then, on the user's word,
 * restore.apply with a backup. Nothing is written before Apply. `target` (a transaction row's
 * "Undo…", with a counter so the same row asked twice analyses again) opens the box on that id.
 */
export function UndoTransaction({ target }: { readonly target?: { readonly id: string; readonly seq: number } | null } = {}) {
  const sessionId = useAppStore((s) => s.session?.session_id ?? null);
  const [id, setId] = useState('');
  const [plan, setPlan] = useState<RestorePlanResult | null>(null);
  const [done, setDone] = useState<RestoreReport | null>(null);
  const [error, setError] = useState<InspectorError | null>(null);
  const [open, setOpen] = useState(false);
  /** The id the shown analysis is of (the box may have been edited since). */
  const [analysed, setAnalysed] = useState('');

  useEffect(() => {
    if (!target) return;
    setId(target.id);
    setOpen(true);
    setPlan(null);
    void analyse(target.id);
  }, [target?.seq]);

  async function analyse(txId = id.trim()) {
    if (sessionId === null || txId === '') return;
    setDone(null);
    setError(null);
    const r = await inspectorApi().restore.plan({ session_id: sessionId, exclude_tx: [txId] });
    if (r.ok) {
      setPlan(r.value);
      setAnalysed(txId);
    } else setError(r.error);
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
    <details className="undo-transaction" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Undo a transaction…</summary>
      <form onSubmit={(e) => { e.preventDefault(); void analyse(); }}>
        <label>
          Transaction id <input value={id} onChange={(e) => setId(e.target.value)} aria-label="Transaction to undo" />
        </label>
        <button type="submit" disabled={id.trim() === ''}>Analyse</button>
      </form>
      {error && <ErrorMessage title="The undo could not be planned" error={error} />}
      {plan && (
        <div>
          <UndoAnalysis plan={plan} />
          {plan.changes.length > 0 && <button type="button" onClick={() => void apply()}>Apply the undo (with a backup)</button>}
          {plan.changes.length > 0 && <RehearseRestore target={{ exclude_tx: [analysed] }} what={`without transaction ${analysed}`} />}
        </div>
      )}
      {done?.applied && <p role="status" className="small">Undone: {done.applied.written} document{done.applied.written === 1 ? '' : 's'} written.</p>}
    </details>
  );
}
