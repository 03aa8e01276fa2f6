import { getCoreRowModel, useReactTable, type ColumnSizingState, type SortingState } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { columnTemplate, rowNumberWidth } from '../lib/column-template.js';
import { useShallow } from 'zustand/react/shallow';
import { computeWindow, virtualTopForRow } from '../lib/scaled-window.js';
import { readStoredSizes, writeStoredSizes } from '../lib/stored-layout.js';
import { useElementHeight } from '../lib/use-element-size.js';
import { useRowFetch } from '../lib/use-row-fetch.js';
import { useScaledScroll } from '../lib/use-scaled-scroll.js';
import { useAppStore } from '../store/app-store.js';
import { rowAt } from '../store/slices/rows-slice.js';
import { ENTRY_COLUMNS, type TableItem } from './entries-columns.js';
import { EntryRow, rowElementId } from './entry-row.js';
import { TableHeader } from './table-header.js';

export const ROW_HEIGHT = 24;
const OVERSCAN = 6;

const getRowId = (item: TableItem) => (item.row ? String(item.row.row) : `pending-${item.index}`);
const coreRowModel = getCoreRowModel<TableItem>();
/** localStorage key of the widths the user gave columns. */
const COLUMN_SIZES_KEY = 'columns';

/**
 * The entries grid: TanStack Table in manual mode (the service sorts, filters and pages) over
 * a fixed-row-height window that scales its scroll range past the browser's height cap, so a
 * million rows scroll and only the rows in view exist in the DOM.
 */
export function EntriesTable() {
  const { total, rowPages, rowsQuery, sort, selectedIndex, columnVisibility, scrollRequest } = useAppStore(
    useShallow((s) => ({
      total: s.rowsTotal,
      rowPages: s.rowPages,
      rowsQuery: s.rowsQuery,
      sort: s.sort,
      selectedIndex: s.selectedIndex,
      columnVisibility: s.columnVisibility,
      scrollRequest: s.scrollRequest,
    })),
  );
  const following = useAppStore((s) => s.session?.following ?? false);
  const chainRows = useAppStore((s) => Math.max(s.rowsTotalUnfiltered, s.session?.progress.rows ?? 0));
  const setRowsInView = useAppStore((s) => s.setRowsInView);
  const selectIndex = useAppStore((s) => s.selectIndex);
  const moveSelection = useAppStore((s) => s.moveSelection);

  const scrollRef = useRef<HTMLDivElement>(null);
  const viewportHeight = useElementHeight(scrollRef);
  const geometry = useMemo(() => ({ rowCount: total, rowHeight: ROW_HEIGHT, viewportHeight }), [total, viewportHeight]);
  const { virtualTop, domTop, scrollToVirtual, onScroll } = useScaledScroll(scrollRef, geometry);
  const win = computeWindow({ ...geometry, scrollTop: domTop, virtualTop, overscan: OVERSCAN });

  const ensureRows = useAppStore((s) => s.ensureRows);
  const request = useCallback(
    (inView: { first: number; end: number }, around: { first: number; end: number }) => {
      setRowsInView(inView.first, inView.end);
      ensureRows(around.first, around.end);
    },
    [setRowsInView, ensureRows],
  );
  const isLoaded = useCallback((index: number) => rowAt(rowPages, index) !== undefined, [rowPages]);
  const shown = useRowFetch({ win, virtualTop, domTop, rowHeight: ROW_HEIGHT, rowCount: total, queryKey: rowsQuery, isLoaded, request });

  const data = useMemo(() => {
    const items: TableItem[] = [];
    for (let i = shown.first; i < shown.end; i++) items.push({ index: i, row: rowAt(rowPages, i) ?? null });
    return items;
  }, [rowPages, shown.first, shown.end]);

  const sorting: SortingState = useMemo(() => [{ id: sort.key, desc: sort.direction === 'desc' }], [sort]);
  const [columnSizing, setColumnSizing] = useState<ColumnSizingState>(() => readStoredSizes(COLUMN_SIZES_KEY));
  useEffect(() => writeStoredSizes(COLUMN_SIZES_KEY, columnSizing), [columnSizing]);
  const table = useReactTable({
    data,
    columns: ENTRY_COLUMNS,
    getCoreRowModel: coreRowModel,
    getRowId,
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    rowCount: total,
    onColumnSizingChange: setColumnSizing,
    state: { sorting, columnVisibility, columnSizing },
  });

  // A new query starts at the top.
  useEffect(() => {
    scrollToVirtual(0);
  }, [rowsQuery]);

  // Bring a requested row into view (keyboard, Go to, a link). A row past the rows known so far
  // (the total comes with the next page, e.g. while indexing or after a reload) waits for them:
  // scrolling now would clamp to the old end and stay there.
  const appliedScroll = useRef<number | null>(null);
  useEffect(() => {
    if (!scrollRequest || !scrollRef.current || appliedScroll.current === scrollRequest.nonce) return;
    if (viewportHeight <= 0 || scrollRequest.index >= total) return;
    appliedScroll.current = scrollRequest.nonce;
    const target = virtualTopForRow(geometry, virtualTop, scrollRequest.index, scrollRequest.align);
    if (target !== null) scrollToVirtual(target);
    // Once per request, when the geometry can hold it.
  }, [scrollRequest, viewportHeight, total]);

  // Following the log with the last row in view: stay at the end as rows arrive.
  const wasAtEnd = useRef(false);
  useEffect(() => {
    if (following && wasAtEnd.current) scrollToVirtual(Number.MAX_SAFE_INTEGER);
  }, [total, following]);
  // Runs after the effect above on every render: what "at the end" was before rows grew.
  useEffect(() => {
    wasAtEnd.current = total > 0 && win.visibleEnd >= total;
  });

  const pageRows = Math.max(1, Math.floor(viewportHeight / ROW_HEIGHT) - 1);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, () => void> = {
      ArrowDown: () => moveSelection(1),
      ArrowUp: () => moveSelection(-1),
      PageDown: () => moveSelection(pageRows),
      PageUp: () => moveSelection(-pageRows),
      Home: () => total > 0 && selectIndex(0),
      End: () => total > 0 && selectIndex(total - 1),
      Enter: () => selectedIndex !== null && openDetail(),
    };
    const move = moves[event.key];
    // Keys on the header's sort buttons are theirs.
    if (!move || (event.target as HTMLElement).closest('.grid-header')) return;
    event.preventDefault();
    move();
  };

  const openDetail = useCallback(() => {
    document.getElementById('detail-pane')?.focus();
  }, []);
  const onOpen = useCallback(
    (index: number) => {
      selectIndex(index);
      openDetail();
    },
    [selectIndex, openDetail],
  );

  const visibleColumns = table.getVisibleLeafColumns();
  const columnsKey = visibleColumns.map((c) => c.id).join(',');
  // The # column is never narrower than the longest row number of this log (# is the chain's row, whatever the filter).
  const numberWidth = rowNumberWidth(Math.max(total, chainRows));
  const { template, minWidth } = columnTemplate(
    visibleColumns.map((c) => ({
      id: c.id,
      size: c.getSize(),
      minWidth: c.id === 'row' ? Math.max(numberWidth, c.columnDef.meta?.minWidth ?? 0) : (c.columnDef.meta?.minWidth ?? Math.round(c.getSize() * 0.6)),
      resized: columnSizing[c.id] !== undefined,
    })),
  );
  const headerRef = useRef<HTMLDivElement>(null);
  const onBodyScroll = () => {
    onScroll();
    // The header scrolls sideways with the rows.
    if (headerRef.current && scrollRef.current) headerRef.current.scrollLeft = scrollRef.current.scrollLeft;
  };
  // Segment boundaries mean something where rows run in replay or time order: a rule there.
  const marksSegments = sort.key === 'file' || sort.key === 'time';
  const segmentStartAt = (index: number): string | null => {
    if (!marksSegments || index === 0) return null;
    const here = rowAt(rowPages, index);
    const before = rowAt(rowPages, index - 1);
    return here && before && here.segment_index !== before.segment_index ? here.segment : null;
  };
  const activeDescendant =
    selectedIndex !== null && selectedIndex >= shown.first && selectedIndex < shown.end ? rowElementId(selectedIndex) : undefined;

  return (
    <div
      className="entries-grid"
      role="grid"
      aria-label="Entries"
      aria-rowcount={total + 1}
      aria-colcount={visibleColumns.length}
      aria-multiselectable={false}
      aria-activedescendant={activeDescendant}
      tabIndex={0}
      onKeyDown={onKeyDown}
      style={{ ['--grid-columns' as string]: template, ['--grid-min-width' as string]: `${minWidth}px` }}
    >
      <TableHeader table={table} ref={headerRef} />
      <div
        ref={scrollRef}
        className="grid-scroll"
        onScroll={onBodyScroll}
        data-testid="entries-scroll"
        data-visible-first={win.visibleFirst}
      >
        <div className="grid-spacer" style={{ height: win.spacerHeight }}>
          <div className="grid-rows" role="rowgroup" data-held={shown.held || undefined} style={{ transform: `translateY(${shown.firstTop}px)` }}>
            {table.getRowModel().rows.map((row) => (
              <EntryRow
                key={row.id}
                row={row}
                selected={row.original.index === selectedIndex}
                columnsKey={columnsKey}
                onSelect={selectIndex}
                onOpen={onOpen}
                segmentStart={segmentStartAt(row.original.index)}
              />
            ))}
          </div>
        </div>
        {total === 0 && <EmptyRows />}
      </div>
    </div>
  );
}

function EmptyRows() {
  const { loading, complete, hasFilter } = useAppStore(
    useShallow((s) => ({ loading: s.rowsLoading, complete: s.rowsComplete, hasFilter: Object.keys(s.filter).length > 0 })),
  );
  const clearFilters = useAppStore((s) => s.clearFilters);
  if (loading || !complete) return <div className="empty-state">Loading rows…</div>;
  return (
    <div className="empty-state">
      {hasFilter ? (
        <>
          No rows match the filter.{' '}
          <button type="button" className="link-button" onClick={clearFilters}>
            Clear filters
          </button>
        </>
      ) : (
        'This log holds no entries.'
      )}
    </div>
  );
}
