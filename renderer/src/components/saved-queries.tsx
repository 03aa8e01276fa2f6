import { useState } from 'react';
import { loadSavedQueries, removeQuery, saveQuery, type SavedQuery } from '../lib/saved-queries.js';

interface SavedQueriesProps {
  readonly current: string;
  readonly onPick: (where: string) => void;
}

/** Saved queries with names (this browser profile); the address of a view shares one (`where=`). */
export function SavedQueries({ current, onPick }: SavedQueriesProps) {
  const [list, setList] = useState<SavedQuery[]>(() => loadSavedQueries());
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  return (
    <span className="saved-queries">
      <select
        aria-label="Saved queries"
        value=""
        onChange={(e) => {
          const q = list.find((x) => x.name === e.target.value);
          if (q) onPick(q.where);
        }}
      >
        <option value="">Saved…</option>
        {list.map((q) => <option key={q.name} value={q.name} title={q.where}>{q.name}</option>)}
      </select>
      {naming ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) setList(saveQuery({ name: name.trim(), where: current }));
            setNaming(false);
            setName('');
          }}
        >
          <input aria-label="Query name" autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder="name" />
          <button type="submit">Save</button>
        </form>
      ) : (
        <button type="button" disabled={!current.trim()} onClick={() => setNaming(true)}>Save query</button>
      )}
      {list.some((q) => q.where === current) && (
        <button type="button" onClick={() => setList(removeQuery(list.find((q) => q.where === current)!.name))}>Forget</button>
      )}
    </span>
  );
}
