import { flexRender, type Table } from '@tanstack/react-table';
import { useAppStore } from '../store/app-store.js';
import type { TableItem } from './entries-columns.js';

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/** Column headers; a click sorts by that column on the service (again: reverse). */
export function TableHeader({ table }: { readonly table: Table<TableItem> }) {
  const setSort = useAppStore((s) => s.setSort);
  const sort = useAppStore((s) => s.sort);
  return (
    <div className="grid-header" role="rowgroup">
      {table.getHeaderGroups().map((group) => (
        <div className="grid-row header-row" role="row" aria-rowindex={1} key={group.id}>
          {group.headers.map((header) => {
            const sortKey = header.column.columnDef.meta?.sortKey;
            // '#' and 'Segment:offset' both sort by file order; mark the '#' one.
            const sorted = sortKey === sort.key && (sortKey !== 'file' || header.column.id === 'row');
            const label = flexRender(header.column.columnDef.header, header.getContext());
            return (
              <div
                key={header.id}
                role="columnheader"
                className={`grid-cell header-cell${header.column.columnDef.meta?.align === 'end' ? ' align-end' : ''}`}
                aria-sort={sorted ? ARIA_SORT[sort.direction ?? 'asc'] : sortKey ? 'none' : undefined}
              >
                {sortKey ? (
                  <button type="button" className="sort-button" onClick={() => setSort(sortKey)}>
                    {label}
                    <span className="sort-mark" aria-hidden="true">
                      {sorted ? (sort.direction === 'desc' ? '▼' : '▲') : ''}
                    </span>
                  </button>
                ) : (
                  label
                )}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
