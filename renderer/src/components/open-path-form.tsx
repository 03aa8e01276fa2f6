import { useState } from 'react';
import { useAppStore } from '../store/app-store.js';

/** Type or paste a path and open it. */
export function OpenPathForm() {
  const [path, setPath] = useState('');
  const opening = useAppStore((s) => s.opening);
  const openPath = useAppStore((s) => s.openPath);
  return (
    <form
      className="open-form"
      onSubmit={(e) => {
        e.preventDefault();
        void openPath(path);
      }}
    >
      <label className="field grow">
        <span className="field-label">Path to a WAL file, a .wal folder, a collection or a store</span>
        <input
          type="text"
          className="mono"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/var/lib/sentinel/store/data/users"
          aria-label="Path to open"
          autoFocus
        />
      </label>
      <button type="submit" className="primary" disabled={!path.trim() || opening !== null}>
        {opening ? 'Opening…' : 'Open'}
      </button>
    </form>
  );
}
