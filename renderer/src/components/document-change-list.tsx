import { useMemo, useState } from 'react';
import type { DocumentChange } from '../contract.js';
import { formatCount } from '../lib/format.js';
import { JsonDiffView } from './json-diff-view.js';
import { parseLossless } from '../lib/lossless-json.js';

const PAGE = 100;

function parseDocument(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return parseLossless(text) as unknown;
  } catch {
    return text;
  }
}

function ChangeRow({ change, open, onToggle }: { readonly change: DocumentChange; readonly open: boolean; readonly onToggle: () => void }) {
  const before = useMemo(() => (open ? parseDocument(change.before) : undefined), [open, change.before]);
  const after = useMemo(() => (open ? parseDocument(change.after) : undefined), [open, change.after]);
  return (
    <li className={`change change-${change.operation}`} data-document={change.document_id}>
      <button type="button" className="change-head" aria-expanded={open} onClick={onToggle}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        <span className={`op-pill op-${change.operation}`}>{change.operation}</span>
        <span className="mono">{change.document_id}</span>
        {change.collection && <span className="muted small">in {change.collection}</span>}
      </button>
      {open && <JsonDiffView before={before} after={after} />}
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
