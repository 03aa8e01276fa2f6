import { useEffect, useState } from 'react';
import type { InspectorError, Outcome, RestorePromoteResult, StoreComparison } from '../contract.js';
import { inspectorApi } from '../store/api-ref.js';
import { useAppStore } from '../store/app-store.js';
import { ErrorMessage } from './error-message.js';
import { RehearsalDiff } from './rehearsal-diff.js';

const PAGE = 50;

/** What a rehearsal wrote: the plan id restore.promote / restore.discard take, the live store it was made from, how many documents it changes. */
export interface Rehearsed {
  readonly plan_id: string;
  readonly store: string;
  readonly changes: number;
}

type Stage =
  | { readonly kind: 'idle' }
  | { readonly kind: 'naming' }
  | { readonly kind: 'rehearsed'; readonly done: Rehearsed; readonly into: string }
  | { readonly kind: 'promoted'; readonly done: Rehearsed; readonly into: string; readonly report: RestorePromoteResult }
  | { readonly kind: 'discarded'; readonly into: string };

/** A sibling of the store named after it and the time: a suggestion the user edits. */
function suggestedFolder(store: string | null): string {
  if (!store) return '';
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${store.replace(/[/\\]+$/, '')}-rehearsal-${stamp}`;
}

export interface RehearsalFlowProps {
  /** The button that starts it: "Restore into a new folder (rehearse)…", "Recover into a new folder (rehearse)…". */
  readonly label: string;
  /** The naming form's accessible name. */
  readonly formLabel: string;
  /** What the plan does, in words ("back to row 7", "safe recovery"). */
  readonly what: string;
  /** The live store the suggested folder is named after. */
  readonly store: string | null;
  /** A change of this key (another plan) closes an open naming form. */
  readonly planKey: string;
  /** Plans with `into` and applies that plan (writing the folder); the live store is not touched. */
  readonly rehearse: (into: string) => Promise<Outcome<Rehearsed>>;
  /** After promote wrote the live store (e.g. to say a verification is out of date). */
  readonly onPromoted?: () => void;
}

/**
 * A rehearsal, whatever wrote it (a restore or a recovery): the user names a new folder, `rehearse`
 * writes the plan there, then a per-document diff between the rehearsal and the live store
 * (store.compare). Promote applies that same plan to the live store (restore.promote: refused if
 * the store or its log changed since); Discard removes the folder it wrote (restore.discard: only
 * if unchanged).
 */
export function RehearsalFlow({ label, formLabel, what, store, planKey, rehearse, onPromoted }: RehearsalFlowProps) {
  const sessionId = useAppStore((s) => s.session?.session_id ?? null);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [folder, setFolder] = useState('');
  const [comparison, setComparison] = useState<StoreComparison | null>(null);
  const [error, setError] = useState<InspectorError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // Another plan: a rehearsal already written stays on disk, listed by its folder.
    setStage((s) => (s.kind === 'naming' ? { kind: 'idle' } : s));
  }, [planKey]);

  async function run<T>(work: () => Promise<Outcome<T>>): Promise<T | null> {
    setBusy(true);
    setError(null);
    const r = await work();
    setBusy(false);
    if (r.ok) return r.value;
    setError(r.error);
    return null;
  }

  async function compare(live: string, into: string, offset: number) {
    const c = await run(() => inspectorApi().store.compare({ left: live, right: into, offset, limit: PAGE }));
    if (c) setComparison((prev) => (offset > 0 && prev ? { ...c, offset: 0, differences: [...prev.differences, ...c.differences] } : c));
  }

  async function start() {
    if (sessionId === null || folder.trim() === '') return;
    const into = folder.trim();
    const done = await run(() => rehearse(into));
    if (!done) return;
    setStage({ kind: 'rehearsed', done, into });
    setComparison(null);
    await compare(done.store, into, 0);
  }

  async function promote() {
    if (sessionId === null || stage.kind !== 'rehearsed') return;
    const report = await run(() => inspectorApi().restore.promote({ session_id: sessionId, plan_id: stage.done.plan_id, backup: true }));
    if (!report) return;
    onPromoted?.();
    setStage({ kind: 'promoted', done: stage.done, into: stage.into, report });
    await compare(stage.done.store, stage.into, 0);
  }

  async function discard() {
    if (sessionId === null || (stage.kind !== 'rehearsed' && stage.kind !== 'promoted')) return;
    const done = await run(() => inspectorApi().restore.discard({ session_id: sessionId, plan_id: stage.done.plan_id }));
    if (!done) return;
    setStage({ kind: 'discarded', into: done.removed });
    setComparison(null);
  }

  const written = stage.kind === 'promoted' ? stage.report.applied?.written ?? 0 : 0;
  const backups = stage.kind === 'promoted' ? stage.report.applied?.backups ?? [] : [];
  return (
    <div className="rehearse-restore">
      {(stage.kind === 'idle' || stage.kind === 'discarded') && (
        <button type="button" disabled={busy || sessionId === null} onClick={() => {
          setFolder(suggestedFolder(store));
          setStage({ kind: 'naming' });
        }}>
          {label}
        </button>
      )}
      {stage.kind === 'discarded' && <p role="status" className="small">Rehearsal discarded: {stage.into} removed.</p>}
      {stage.kind === 'naming' && (
        <form className="small" aria-label={formLabel} onSubmit={(e) => { e.preventDefault(); void start(); }}>
          <p>{what[0]!.toUpperCase() + what.slice(1)}, written into a new folder; the live store is not touched. The folder must not exist, or be empty.</p>
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
              ? <>Rehearsal written to <span className="mono">{stage.into}</span> ({stage.done.changes} document{stage.done.changes === 1 ? '' : 's'} changed: {what}).</>
              : <>Promoted: {written} document{written === 1 ? '' : 's'} of the live store written{backups.length ? <>; backup in {backups.join(', ')}</> : null}.</>}
          </p>
          {comparison && <RehearsalDiff comparison={comparison} busy={busy} onMore={() => void compare(stage.done.store, stage.into, comparison.differences.length)} />}
          {stage.kind === 'rehearsed' && (
            <button type="button" onClick={() => void promote()} disabled={busy}>Promote to the live store (with a backup)</button>
          )}
          <button type="button" onClick={() => void discard()} disabled={busy}>Discard the rehearsal</button>
        </div>
      )}
    </div>
  );
}
