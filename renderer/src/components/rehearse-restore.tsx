import { useEffect, useState } from 'react';
import type { InspectorError, RestorePlanArgs, RestorePlanResult, RestoreReport, StoreComparison } from '../contract.js';
import { inspectorApi } from '../store/api-ref.js';
import { useAppStore } from '../store/app-store.js';
import { ErrorMessage } from './error-message.js';
import { RehearsalDiff } from './rehearsal-diff.js';

const PAGE = 50;

/** What a restore does (a point, a document's version, transactions left out): restore.plan's own arguments. */
export type RestoreTarget = Pick<RestorePlanArgs, 'until' | 'exclusive' | 'exclude_tx' | 'exclude_range' | 'document'>;

type Stage =
  | { readonly kind: 'idle' }
  | { readonly kind: 'naming' }
  | { readonly kind: 'rehearsed'; readonly plan: RestorePlanResult; readonly into: string }
  | { readonly kind: 'promoted'; readonly plan: RestorePlanResult; readonly into: string; readonly report: RestoreReport }
  | { readonly kind: 'discarded'; readonly into: string };

/** A sibling of the store named after it and the time: a suggestion the user edits. */
function suggestedFolder(store: string | null): string {
  if (!store) return '';
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${store.replace(/[/\\]+$/, '')}-rehearsal-${stamp}`;
}

/**
 * "Restore into a new folder (rehearse)", beside every restore's preview (to here, this version,
 * undo a transaction): the restore `target` names written into a new folder
 * the user names (restore.plan with `into`, then restore.apply — the live store is not touched),
 * then a per-document diff between the rehearsal and the live store (store.compare). Promote
 * applies that same plan to the live store (restore.promote: refused if the store or its log
 * changed since); Discard removes the folder it wrote (restore.discard: only if unchanged).
 */
export function RehearseRestore({ target, what }: { readonly target: RestoreTarget; readonly what: string }) {
  const session = useAppStore((s) => s.session);
  const sessionId = session?.session_id ?? null;
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [folder, setFolder] = useState('');
  const [comparison, setComparison] = useState<StoreComparison | null>(null);
  const [error, setError] = useState<InspectorError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // Another point is another plan: a rehearsal already written stays on disk, listed by its folder.
    setStage((s) => (s.kind === 'naming' ? { kind: 'idle' } : s));
  }, [JSON.stringify(target)]);

  async function run<T>(work: () => Promise<{ ok: true; value: T } | { ok: false; error: InspectorError }>): Promise<T | null> {
    setBusy(true);
    setError(null);
    const r = await work();
    setBusy(false);
    if (r.ok) return r.value;
    setError(r.error);
    return null;
  }

  async function compare(store: string, into: string, offset: number) {
    const c = await run(() => inspectorApi().store.compare({ left: store, right: into, offset, limit: PAGE }));
    if (c) setComparison((prev) => (offset > 0 && prev ? { ...c, offset: 0, differences: [...prev.differences, ...c.differences] } : c));
  }

  async function rehearse() {
    if (sessionId === null || folder.trim() === '') return;
    const into = folder.trim();
    const plan = await run(() => inspectorApi().restore.plan({ session_id: sessionId, ...target, into }));
    if (!plan) return;
    const wrote = await run(() => inspectorApi().restore.apply({ session_id: sessionId, plan_id: plan.plan_id }));
    if (!wrote) return;
    setStage({ kind: 'rehearsed', plan, into });
    setComparison(null);
    await compare(plan.store, into, 0);
  }

  async function promote() {
    if (sessionId === null || stage.kind !== 'rehearsed') return;
    const report = await run(() => inspectorApi().restore.promote({ session_id: sessionId, plan_id: stage.plan.plan_id, backup: true }));
    if (!report) return;
    setStage({ kind: 'promoted', plan: stage.plan, into: stage.into, report });
    await compare(stage.plan.store, stage.into, 0);
  }

  async function discard() {
    if (sessionId === null || (stage.kind !== 'rehearsed' && stage.kind !== 'promoted')) return;
    const done = await run(() => inspectorApi().restore.discard({ session_id: sessionId, plan_id: stage.plan.plan_id }));
    if (!done) return;
    setStage({ kind: 'discarded', into: done.removed });
    setComparison(null);
  }

  return (
    <div className="rehearse-restore">
      {(stage.kind === 'idle' || stage.kind === 'discarded') && (
        <button type="button" disabled={busy || sessionId === null} onClick={() => {
          setFolder(suggestedFolder(session?.collection_dir ?? session?.input ?? null));
          setStage({ kind: 'naming' });
        }}>
          Restore into a new folder (rehearse)…
        </button>
      )}
      {stage.kind === 'discarded' && <p role="status" className="small">Rehearsal discarded: {stage.into} removed.</p>}
      {stage.kind === 'naming' && (
        <form className="small" aria-label="Rehearse the restore" onSubmit={(e) => { e.preventDefault(); void rehearse(); }}>
          <p>{what[0]!.toUpperCase() + what.slice(1)}, written into a new folder; the live store is not touched. The folder must not exist.</p>
          <label>
            New folder for the rehearsal <input className="mono" value={folder} onChange={(e) => setFolder(e.target.value)} size={60} />
          </label>
          <button type="submit" disabled={busy || folder.trim() === ''}>Rehearse</button>
          <button type="button" onClick={() => setStage({ kind: 'idle' })}>Cancel</button>
        </form>
      )}
      {error && <ErrorMessage title="The rehearsal step failed" error={error} />}
      {(stage.kind === 'rehearsed' || stage.kind === 'promoted') && (
        <div className="small">
          <p role="status">
            {stage.kind === 'rehearsed'
              ? <>Rehearsal written to <span className="mono">{stage.into}</span> ({stage.plan.changes.length} document{stage.plan.changes.length === 1 ? '' : 's'} changed: {what}).</>
              : <>Promoted: {stage.report.applied?.written ?? 0} document{stage.report.applied?.written === 1 ? '' : 's'} of the live store written{stage.report.applied?.backups.length ? <>; backup in {stage.report.applied.backups.join(', ')}</> : null}.</>}
          </p>
          {comparison && <RehearsalDiff comparison={comparison} busy={busy} onMore={() => void compare(stage.plan.store, stage.into, comparison.differences.length)} />}
          {stage.kind === 'rehearsed' && (
            <button type="button" onClick={() => void promote()} disabled={busy}>Promote to the live store (with a backup)</button>
          )}
          <button type="button" onClick={() => void discard()} disabled={busy}>Discard the rehearsal</button>
        </div>
      )}
    </div>
  );
}
