import { flexRender, type Header, type Table } from '@tanstack/react-table';
import { forwardRef, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useAppStore } from '../store/app-store.js';
import type { TableItem } from './entries-columns.js';

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;
const KEY_STEP = 16;

/** Column headers; a click sorts by that column on the service (again: reverse); the edge resizes it. */
export const TableHeader = forwardRef<HTMLDivElement, { readonly table: Table<TableItem> }>(function TableHeader({ table }, ref) {
  const setSort = useAppStore((s) => s.setSort);
  const sort = useAppStore((s) => s.sort);
  return (
    <div className="grid-header" role="rowgroup" ref={ref}>
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
                // Its name is the column's, not the resize handle's label inside it.
                aria-label={String(header.column.columnDef.header)}
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
                <ResizeHandle header={header} />
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
});

/** The right edge of a header: drag it, or focus it and use ←/→, to set the column's width. */
function ResizeHandle({ header }: { readonly header: Header<TableItem, unknown> }) {
  const column = header.column;
  const table = header.getContext().table;
  const drag = useRef<{ x: number; width: number } | null>(null);
  const name = String(column.columnDef.header);
  const setWidth = (width: number) => table.setColumnSizing((sizes) => ({ ...sizes, [column.id]: Math.max(24, Math.round(width)) }));
  // Widths start from what is on screen: a column never resized is sized by its share of the row.
  const onScreen = (element: HTMLElement) => element.parentElement?.getBoundingClientRect().width || column.getSize();
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const delta = event.key === 'ArrowRight' ? KEY_STEP : event.key === 'ArrowLeft' ? -KEY_STEP : 0;
    if (!delta) return;
    event.preventDefault();
    event.stopPropagation();
    setWidth(onScreen(event.currentTarget) + delta);
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    drag.current = { x: event.clientX, width: onScreen(event.currentTarget) };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current) setWidth(drag.current.width + event.clientX - drag.current.x);
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Width of column ${name}`}
      aria-valuenow={Math.round(table.getState().columnSizing[column.id] ?? column.getSize())}
      tabIndex={0}
      className="column-resizer"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => table.setColumnSizing(({ [column.id]: _dropped, ...rest }) => rest)}
      onKeyDown={onKeyDown}
      onClick={(e) => e.stopPropagation()}
    />
  );
}
