import { useMemo, useState } from 'react';
import type { DocumentChange } from '../contract.js';
import { formatCount } from '../lib/format.js';
import { JsonDiffView } from './json-diff-view.js';
import { parseLossless } from '../lib/lossless-json.js';
import { UncommittedDetail, UncommittedPill } from './uncommitted-marks.js';

const PAGE = 100;

function parseDocument(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return parseLossless(text) as unknown;
  } catch {
    return text;
  }
}

/** Where a change leaves a copy in `.deleted/`, and what that copy holds, when it writes one. */
function DeletedCopy({ change }: { readonly change: DocumentChange }) {
  const copy = useMemo(() => parseDocument(change.deleted_after ?? null), [change.deleted_after]);
  if (change.deleted_after === undefined) return null;
  const file = <code>.deleted/{change.document_id}.json</code>;
  if (change.operation === 'delete' && change.before === null) {
    // Nothing is live before or after: the diff to show is the soft-deleted copy itself.
    return (
      <>
        <p className="muted small">No live file before or after: only {file} is written, holding:</p>
        <JsonDiffView before={undefined} after={copy} />
      </>
    );
  }
  if (change.operation === 'delete' && change.deleted_after === change.before) return <p className="muted small">It moves to {file}.</p>;
  return (
    <details className="deleted-copy">
      <summary className="muted small">{change.operation === 'delete' ? 'It moves to' : 'The old copy goes to'} {file}, holding</summary>
      <JsonDiffView before={undefined} after={copy} />
    </details>
  );
}

function ChangeRow({ change, open, onToggle }: { readonly change: DocumentChange; readonly open: boolean; readonly onToggle: () => void }) {
  const before = useMemo(() => (open ? parseDocument(change.before) : undefined), [open, change.before]);
  const after = useMemo(() => (open ? parseDocument(change.after) : undefined), [open, change.after]);
  const createdAndDeleted = change.operation === 'delete' && change.before === null;
  return (
    <li className={`change change-${change.operation}${change.uncommitted?.length ? ' change-uncommitted' : ''}`} data-document={change.document_id}>
      <button type="button" className="change-head" aria-expanded={open} onClick={onToggle}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        <span className={`op-pill op-${change.operation}`}>{change.operation}</span>
        <span className="mono">{change.document_id}</span>
        {change.collection && <span className="muted small">in {change.collection}</span>}
        {change.note && <span className="muted small change-note">— {change.note}</span>}
        <UncommittedPill change={change} />
      </button>
      {open && <UncommittedDetail change={change} />}
      {open && !createdAndDeleted && <JsonDiffView before={before} after={after} />}
      {open && <DeletedCopy change={change} />}
    </li>
  );
}

/** The net change per document, each with its before/after diff on demand. */
export function DocumentChangeList({ changes }: { readonly changes: readonly DocumentChange[] }) {
  const [openKeys, setOpenKeys] = useState<ReadonlySet<string>>(() => new Set(changes.slice(0, 3).map((c) => `${c.collection}/${c.document_id}`)));
  const [shown, setShown] = useState(PAGE);
  const toggle = (key: string) => {
    const next = new Set(openKeys);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setOpenKeys(next);
  };
  return (
    <>
      <ul className="change-list" aria-label="Document changes">
        {changes.slice(0, shown).map((change) => {
          const key = `${change.collection}/${change.document_id}`;
          return <ChangeRow key={key} change={change} open={openKeys.has(key)} onToggle={() => toggle(key)} />;
        })}
      </ul>
      {changes.length > shown && (
        <button type="button" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, changes.length - shown)} more of {formatCount(changes.length - shown)}
        </button>
      )}
    </>
  );
}
