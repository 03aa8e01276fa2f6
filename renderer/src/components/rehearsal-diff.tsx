import { useState } from 'react';
import type { DocumentDifference, StoreComparison } from '../contract.js';
import { JsonDiffView } from './json-diff-view.js';

const parse = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));

const KIND: Record<DocumentDifference['kind'], string> = { changed: 'changed', added: 'comes back', removed: 'goes away' };

/** One document the rehearsal differs in: what promoting it changes, the JSON diff on demand. */
function DifferenceRow({ d }: { readonly d: DocumentDifference }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="rehearsal-difference">
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="mono">{d.collection}/{d.document_id}</span> {KIND[d.kind]}
        {d.kind === 'changed' && d.paths.length > 0 && <span className="muted"> at {d.paths.slice(0, 3).join(', ')}{d.paths_total > 3 ? `, … ${d.paths_total - 3} more` : ''}</span>}
      </button>
      {d.note && <span className="muted"> ({d.note})</span>}
      {open && (d.left !== null || d.right !== null) && <JsonDiffView before={parse(d.left)} after={parse(d.right)} />}
    </li>
  );
}

/**
 * The per-document diff between the live store and a rehearsal (store.compare, a page at a
 * time): live on the left, the rehearsal — what promoting it makes of the store — on the right.
 */
export function RehearsalDiff({ comparison, onMore, busy }: { readonly comparison: StoreComparison; readonly onMore: () => void; readonly busy: boolean }) {
  const c = comparison;
  const differing = c.changed + c.added + c.removed;
  return (
    <div role="region" aria-label="Rehearsal compared with the live store" className="small">
      <p>
        Against the live store: {c.changed} changed, {c.added} that come back, {c.removed} that go away; {c.same} the same.
      </p>
      {differing === 0 && <p>The rehearsal and the live store hold the same documents.</p>}
      <ul aria-label="Documents that differ">
        {c.differences.map((d) => <DifferenceRow key={`${d.collection}/${d.document_id}`} d={d} />)}
      </ul>
      {c.truncated && (
        <button type="button" onClick={onMore} disabled={busy}>
          Show more ({c.offset + c.differences.length} of {differing} shown)
        </button>
      )}
    </div>
  );
}
