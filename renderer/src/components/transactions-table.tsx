import { useCallback, useMemo, useRef, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TransactionItem, TransactionSortKey, TransactionStatus } from '../contract.js';
import { formatBytes, formatCount, formatDuration, formatLocalTime, shortenId } from '../lib/format.js';
import { computeWindow } from '../lib/scaled-window.js';
import { useElementHeight } from '../lib/use-element-size.js';
import { useRowFetch } from '../lib/use-row-fetch.js';
import { useScaledScroll } from '../lib/use-scaled-scroll.js';
import { useAppStore } from '../store/app-store.js';
import { transactionAt } from '../store/slices/transactions-slice.js';

export const TX_ROW_HEIGHT = 24;
const OVERSCAN = 6;

export const STATUS_TEXT: Record<TransactionStatus, string> = {
  committed: 'committed',
  'rolled-back': 'rolled back',
  incomplete: 'never terminated',
  'single-entry': 'single entry',
};

interface Column {
  readonly id: string;
  readonly label: string;
  readonly sortKey?: TransactionSortKey;
  readonly align?: 'end';
  readonly width: string;
  readonly cell: (t: TransactionItem, segmentName: (i: number) => string) => ReactNode;
}

const COLUMNS: readonly Column[] = [
  { id: 'id', label: 'Transaction', sortKey: 'first', width: 'minmax(140px, 2fr)', cell: (t) => shortenId(t.transaction_id, 12) },
  {
    id: 'status', label: 'Status', sortKey: 'status', width: 'minmax(120px, 1.2fr)',
    cell: (t) => (
      <>
        <span className={`status-pill status-${t.status}`}>{STATUS_TEXT[t.status]}</span>
        {!t.has_begin && t.status !== 'single-entry' && <span className="muted small"> no Begin</span>}
        {t.damaged && <span className="status-pill status-damaged" title="An entry of it is unverified or lost to damage"> damaged</span>}
      </>
    ),
  },
  { id: 'entries', label: 'Entries', sortKey: 'entries', align: 'end', width: 'minmax(60px, 0.7fr)', cell: (t) => formatCount(t.entries) },
  { id: 'size', label: 'Size', sortKey: 'size', align: 'end', width: 'minmax(70px, 0.8fr)', cell: (t) => formatBytes(t.bytes) },
  { id: 'first', label: 'First', sortKey: 'time', width: 'minmax(150px, 1.6fr)', cell: (t) => formatLocalTime(t.first_time) },
  {
    id: 'duration', label: 'Duration', sortKey: 'duration', align: 'end', width: 'minmax(70px, 0.8fr)',
    cell: (t) => (t.first_time !== null && t.last_time !== null ? formatDuration(Math.max(0, t.last_time - t.first_time)) : '—'),
  },
  { id: 'segments', label: 'Segments', width: 'minmax(100px, 1.4fr)', cell: (t, name) => t.segments.map(name).join(', ') },
  // Filled by the table when it is given onUndo (the button needs the callback).
  { id: 'actions', label: '', width: '64px', cell: () => null },
];
const TEMPLATE = COLUMNS.map((c) => c.width).join(' ');
const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/**
 * Every transaction in one virtualized grid (the entries table's scaled window, so millions
 * scroll): the service sorts, filters and pages; a header click sorts (again: reverses); a row
 * opens its entries in the table.
 */
export function TransactionsTable({ onUndo }: { readonly onUndo?: (transactionId: string) => void } = {}) {
  const { total, pages, sort } = useAppStore(
    useShallow((s) => ({ total: s.transactionsTotal, pages: s.transactionPages, sort: s.transactionSort })),
  );
  const segments = useAppStore((s) => s.session?.segments);
  const setSort = useAppStore((s) => s.setTransactionSort);
  const ensure = useAppStore((s) => s.ensureTransactions);
  const filterTransaction = useAppStore((s) => s.filterTransaction);
  const prefix = useAppStore((s) => s.transactionPrefix);
  const statuses = useAppStore((s) => s.transactionStatuses);
  const damagedOnly = useAppStore((s) => s.transactionDamagedOnly);

  const scrollRef = useRef<HTMLDivElement>(null);
  const viewportHeight = useElementHeight(scrollRef);
  const geometry = useMemo(() => ({ rowCount: total, rowHeight: TX_ROW_HEIGHT, viewportHeight }), [total, viewportHeight]);
  const { virtualTop, domTop, onScroll } = useScaledScroll(scrollRef, geometry);
  const win = computeWindow({ ...geometry, scrollTop: domTop, virtualTop, overscan: OVERSCAN });
  const request = useCallback((_: unknown, around: { first: number; end: number }) => ensure(around.first, around.end), [ensure]);
  const isLoaded = useCallback((i: number) => transactionAt(pages, i) !== undefined, [pages]);
  // The query key is the filter, not the refetch counter: confirmed pages replace hashed ones in place.
  const queryKey = `${sort.key}:${sort.direction}:${prefix}:${statuses.join(',')}:${damagedOnly}`;
  const shown = useRowFetch({ win, virtualTop, domTop, rowHeight: TX_ROW_HEIGHT, rowCount: total, queryKey, isLoaded, request });
  const segmentName = (i: number) => segments?.[i]?.name ?? String(i);

  const onSort = (key: TransactionSortKey) =>
    setSort({ key, direction: sort.key === key && sort.direction !== 'desc' ? 'desc' : 'asc' });

  const rows: ReactNode[] = [];
  for (let i = shown.first; i < shown.end; i++) {
    const t = transactionAt(pages, i);
    rows.push(
      t ? (
        <div
          key={i}
          role="row"
          aria-rowindex={i + 2}
          className={`grid-row tx-row status-${t.status}`}
          data-index={i}
          data-kind="transaction"
          title={`${t.transaction_id} — show its entries`}
          onClick={() => filterTransaction(t.transaction_id)}
        >
          {COLUMNS.map((c) => (
            <div key={c.id} role="gridcell" data-column={c.id} className={`grid-cell${c.align === 'end' ? ' align-end' : ''}${c.id === 'id' || c.id === 'first' || c.id === 'segments' ? ' mono' : ''}`}>
              {c.id === 'id' ? (
                <button type="button" className="link-button mono" onClick={(e) => { e.stopPropagation(); filterTransaction(t.transaction_id); }}>
                  {c.cell(t, segmentName)}
                </button>
              ) : c.id === 'actions' && onUndo ? (
                <button type="button" className="link-button small" aria-label={`Undo transaction ${t.transaction_id}`}
                  title="Analyse what undoing this transaction changes and what conflicts, before any write"
                  onClick={(e) => { e.stopPropagation(); onUndo(t.transaction_id); }}>
                  Undo…
                </button>
              ) : c.cell(t, segmentName)}
            </div>
          ))}
        </div>
      ) : (
        <div key={i} role="row" aria-rowindex={i + 2} className="grid-row pending" data-index={i} aria-busy={true}>
          <div role="gridcell" className="grid-cell pending-cell" aria-colspan={COLUMNS.length}>
            <span className="mono muted">{formatCount(i + 1)}</span> <span className="placeholder-bar" aria-hidden="true" />
          </div>
        </div>
      ),
    );
  }

  return (
    <div className="entries-grid tx-grid" role="grid" aria-label="Transactions" aria-rowcount={total + 1} aria-colcount={COLUMNS.length}
      style={{ ['--grid-columns' as string]: TEMPLATE }}>
      <div className="grid-header" role="rowgroup">
        <div className="grid-row header-row" role="row" aria-rowindex={1}>
          {COLUMNS.map((c) => {
            const sorted = c.sortKey !== undefined && c.sortKey === sort.key;
            return (
              <div key={c.id} role="columnheader" className={`grid-cell header-cell${c.align === 'end' ? ' align-end' : ''}`}
                aria-sort={sorted ? ARIA_SORT[sort.direction ?? 'asc'] : c.sortKey ? 'none' : undefined}>
                {c.sortKey ? (
                  <button type="button" className="sort-button" onClick={() => onSort(c.sortKey!)}>
                    {c.label}
                    <span className="sort-mark" aria-hidden="true">{sorted ? (sort.direction === 'desc' ? '▼' : '▲') : ''}</span>
                  </button>
                ) : c.label}
              </div>
            );
          })}
        </div>
      </div>
      <div ref={scrollRef} className="grid-scroll" onScroll={onScroll} data-testid="transactions-scroll">
        <div className="grid-spacer" style={{ height: win.spacerHeight }}>
          <div className="grid-rows" role="rowgroup" style={{ transform: `translateY(${shown.firstTop}px)` }}>
            {rows}
          </div>
        </div>
      </div>
    </div>
  );
}
