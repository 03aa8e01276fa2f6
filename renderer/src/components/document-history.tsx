import { useEffect, useState } from 'react';
import type { DocumentHistoryView, InspectorError, RestorePlanResult, RestoreReport } from '../contract.js';
import { inspectorApi } from '../store/api-ref.js';
import { useAppStore } from '../store/app-store.js';
import { ErrorMessage } from './error-message.js';
import { JsonDiffView } from './json-diff-view.js';
import { RehearseRestore } from './rehearse-restore.js';

const parse = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));
const when = (ms: string): string => new Date(Number(ms)).toISOString();

/**
 * The selected entry's document through the whole log: every version on a small timeline, the
 * diff from the version before, and "restore this version" — previewed (restore.plan of this
 * document until that entry), then applied with a backup on the user's word.
 */
export function DocumentHistory({ documentId }: { readonly documentId: string }) {
  const session = useAppStore((s) => s.session);
  const [history, setHistory] = useState<DocumentHistoryView | null>(null);
  const [error, setError] = useState<InspectorError | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const [preview, setPreview] = useState<RestorePlanResult | null>(null);
  const [applied, setApplied] = useState<RestoreReport | null>(null);
  const sessionId = session?.session_id ?? null;

  useEffect(() => {
    if (sessionId === null) return;
    let live = true;
    setHistory(null);
    setError(null);
    setPicked(null);
    setPreview(null);
    setApplied(null);
    void inspectorApi().history.get({ session_id: sessionId, document_id: documentId }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setHistory(r.value);
        setPicked(r.value.versions.length > 0 ? r.value.versions.length - 1 : null);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [sessionId, documentId]);

  if (error) return <ErrorMessage title="Could not read the document's history" error={error} />;
  if (!history) return <div className="muted small">Reading the history…</div>;
  const versions = history.versions;
  const v = picked === null ? undefined : versions[picked];
  const previous = picked !== null && picked > 0 ? versions[picked - 1] : undefined;

  async function previewRestore() {
    if (!v || sessionId === null) return;
    setApplied(null);
    const r = await inspectorApi().restore.plan({ session_id: sessionId, document: documentId, until: `${v.segment}:${v.offset}` });
    if (r.ok) setPreview(r.value);
    else setError(r.error);
  }

  async function applyRestore() {
    if (!preview || sessionId === null) return;
    const r = await inspectorApi().restore.apply({ session_id: sessionId, plan_id: preview.plan_id });
    if (r.ok) {
      setApplied(r.value);
      setPreview(null);
    } else setError(r.error);
  }

  return (
    <div className="document-history">
      <p className="small">
        {versions.length} version{versions.length === 1 ? '' : 's'} of <strong>{documentId}</strong>
        {!history.complete && <span className="trouble-text"> — history incomplete: its first entry is not an Insert, or an entry does not read</span>}
      </p>
      <ol className="history-timeline" aria-label="Versions">
        {versions.map((x, i) => (
          <li key={`${x.segment}:${x.offset}`}>
            <button type="button" aria-pressed={i === picked} onClick={() => { setPicked(i); setPreview(null); }}>
              #{i + 1} {x.entry_type} · {when(x.timestamp)} · {x.transaction_status}
            </button>
          </li>
        ))}
      </ol>
      {v && (
        <>
          <p className="small muted">
            {v.segment}:{v.offset} · transaction {v.transaction_id} ({v.transaction_status}){v.unreadable ? ` · ${v.unreadable}` : ''}
          </p>
          <JsonDiffView before={parse(previous?.state ?? null)} after={parse(v.state)} />
          {picked !== versions.length - 1 && (
            <button type="button" onClick={() => void previewRestore()}>Restore this version…</button>
          )}
        </>
      )}
      {preview && (
        <div className="restore-preview" role="region" aria-label="Restore preview">
          <p className="small">
            {preview.changes.length === 0 ? 'Nothing to change: the store already holds this version.' : `${preview.changes.length} change: ${preview.changes.map((c) => `${c.operation} ${c.document_id}`).join(', ')}`}
            {preview.incomplete.length > 0 && ' — its history is incomplete: it will not be written.'}
          </p>
          {preview.notes.map((n) => <p key={n} className="small muted">{n}</p>)}
          {preview.changes.length > 0 && <button type="button" onClick={() => void applyRestore()}>Apply (with a backup)</button>}
          {preview.changes.length > 0 && v && <RehearseRestore target={{ document: documentId, until: `${v.segment}:${v.offset}` }} what={`${documentId} as version #${(picked ?? 0) + 1}`} />}
        </div>
      )}
      {applied?.applied && <p className="small" role="status">Restored: {applied.applied.written} written{applied.applied.backups.length ? `; backup in ${applied.applied.backups.join(', ')}` : ''}.</p>}
    </div>
  );
}

/** The History section of the detail pane: read only once opened (a service call per selected row otherwise). */
export function HistorySection({ documentId }: { readonly documentId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="detail-section" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>History</summary>
      {open && <DocumentHistory documentId={documentId} />}
    </details>
  );
}
