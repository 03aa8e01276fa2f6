import type { RestoreConflictView, RestorePlanResult } from '../contract.js';

/**
 * The conflict analysis of an undo, in three groups: independent (the undone change is taken
 * back, later changes elsewhere in the document stay), overwritten (a later transaction changed
 * the same paths again) and depends (a later change needs the document the undone transaction
 * created or removed: the conflict is on `$`, the whole document). Conflicts are left as they are.
 */
export function UndoAnalysis({ plan }: { readonly plan: RestorePlanResult }) {
  const depends = plan.conflicts.filter(isWholeDocument);
  const overwritten = plan.conflicts.filter((c) => !isWholeDocument(c));
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return (
    <div role="region" aria-label="Undo analysis" className="undo-analysis">
      <p className="small">
        {n(plan.excluded_entries, 'entry', 'entries')} left out; {n(plan.changes.length, 'document', 'documents')} to change
        (later independent changes kept), {plan.conflicts.length} in conflict
        ({overwritten.length} overwritten, {depends.length} depend{depends.length === 1 ? 's' : ''} on it).
        Rolled-back and never-terminated transactions are {plan.selection.uncommitted === 'included' ? 'kept' : 'left out'}.
      </p>
      <ul className="small" aria-label="Analysis by document">
        {plan.changes.map((c) => <li key={`${c.collection}/${c.document_id}`} data-kind="independent">independent: {c.operation} {c.document_id}</li>)}
        {overwritten.map((c) => (
          <li key={`o:${c.collection}/${c.document_id}`} className="trouble-text" data-kind="overwritten">
            overwritten later: {c.document_id} at {c.paths.join(', ')} by {c.transactions.join(', ')} — left as it is
          </li>
        ))}
        {depends.map((c) => (
          <li key={`d:${c.collection}/${c.document_id}`} className="trouble-text" data-kind="depends">
            depends: {c.document_id} was changed later by {c.transactions.join(', ')}, which needs what the undone transaction created or removed — left as it is
          </li>
        ))}
      </ul>
      {plan.notes.map((note) => <p key={note} className="small muted">{note}</p>)}
    </div>
  );
}

function isWholeDocument(c: RestoreConflictView): boolean {
  return c.paths.includes('$');
}
