import type { ColumnDef } from '@tanstack/react-table';
import type { Row, SortKey } from '../contract.js';
import { typeClass } from '../lib/field-colors.js';
import { formatIsoTime, formatLocalTime, formatOffset, shortenId } from '../lib/format.js';

/** One table item: a loaded row, or a placeholder while its page is on the way. */
export interface TableItem {
  readonly index: number;
  readonly row: Row | null;
}

declare module '@tanstack/react-table' {
  // Declaration merging: the parameters must repeat the library's, used or not.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    /** rows.page sort key this column sorts by; absent = not sortable. */
    readonly sortKey?: SortKey;
    readonly align?: 'end';
    readonly mono?: boolean;
    /** Narrowest the column may get, in px (default 60% of its size). */
    readonly minWidth?: number;
  }
}

function TimeCell({ row }: { readonly row: Row }) {
  if (row.time === null) return <span className="faint">—</span>;
  const exact = row.timestamp || undefined;
  const title = exact ? `${formatIsoTime(row.time, exact)} (${exact} ms)` : formatIsoTime(row.time);
  return <span title={title}>{formatLocalTime(row.time, exact)}</span>;
}

function TypeCell({ row }: { readonly row: Row }) {
  return <span className={`chip ${typeClass(row.entry_type)}`}>{row.entry_type ?? 'damage'}</span>;
}

function IdCell({ value, short }: { readonly value: string; readonly short?: boolean }) {
  if (!value) return <span className="faint">—</span>;
  return <span title={value}>{short ? shortenId(value) : value}</span>;
}

function PositionCell({ row }: { readonly row: Row }) {
  return (
    <span title={`${row.segment}, byte ${row.offset}`}>
      {row.segment_index}:{formatOffset(row.offset)}
    </span>
  );
}

/** Columns of the entries table; module-level so their references never change. */
export const ENTRY_COLUMNS: ColumnDef<TableItem>[] = [
  { id: 'row', header: '#', size: 84, meta: { sortKey: 'file', align: 'end', mono: true, minWidth: 44 }, cell: ({ row }) => row.original.row?.row ?? row.original.index },
  { id: 'time', header: 'Time', size: 200, meta: { sortKey: 'time', mono: true, minWidth: 192 }, cell: ({ row }) => (row.original.row ? <TimeCell row={row.original.row} /> : null) },
  { id: 'type', header: 'Type', size: 108, meta: { sortKey: 'type', minWidth: 100 }, cell: ({ row }) => (row.original.row ? <TypeCell row={row.original.row} /> : null) },
  { id: 'collection', header: 'Collection', size: 130, meta: { sortKey: 'collection', minWidth: 48 }, cell: ({ row }) => <IdCell value={row.original.row?.collection ?? ''} /> },
  { id: 'document', header: 'Document', size: 180, meta: { sortKey: 'document', minWidth: 48 }, cell: ({ row }) => <IdCell value={row.original.row?.document_id ?? ''} /> },
  { id: 'transaction', header: 'Transaction', size: 136, meta: { mono: true, minWidth: 48 }, cell: ({ row }) => <IdCell value={row.original.row?.transaction_id ?? ''} short /> },
  { id: 'size', header: 'Size', size: 92, meta: { sortKey: 'size', align: 'end', mono: true, minWidth: 72 }, cell: ({ row }) => (row.original.row ? `${row.original.row.length} B` : null) },
  { id: 'position', header: 'Seg:offset', size: 136, meta: { sortKey: 'file', mono: true, minWidth: 96 }, cell: ({ row }) => (row.original.row ? <PositionCell row={row.original.row} /> : null) },
];

export const COLUMN_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  ENTRY_COLUMNS.map((c) => [c.id!, String(c.header)]),
);
