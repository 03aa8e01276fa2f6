import { useAppStore } from '../store/app-store.js';
import { COLUMN_LABELS, ENTRY_COLUMNS } from './entries-columns.js';

/** Show or hide table columns. */
export function ColumnMenu() {
  const visibility = useAppStore((s) => s.columnVisibility);
  const setColumnVisible = useAppStore((s) => s.setColumnVisible);
  return (
    <details className="menu">
      <summary>Columns</summary>
      <div className="menu-popup" role="group" aria-label="Visible columns">
        {ENTRY_COLUMNS.map((column) => {
          const id = column.id!;
          return (
            <label key={id} className="menu-item">
              <input
                type="checkbox"
                checked={visibility[id] !== false}
                disabled={id === 'row'}
                onChange={(e) => setColumnVisible(id, e.target.checked)}
              />
              {COLUMN_LABELS[id]}
            </label>
          );
        })}
      </div>
    </details>
  );
}
