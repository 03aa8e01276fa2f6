import { flexRender, type Row as TableRow } from '@tanstack/react-table';
import { memo } from 'react';
import { damageSentence } from '../lib/damage-sentences.js';
import { damageLabel, describeDamagePlace } from '../lib/describe-damage.js';
import type { TableItem } from './entries-columns.js';

interface EntryRowProps {
  readonly row: TableRow<TableItem>;
  readonly selected: boolean;
  /** The visible columns' ids joined: re-render when they change. */
  readonly columnsKey: string;
  readonly onSelect: (index: number) => void;
  readonly onOpen: (index: number) => void;
  /** The segment this row's one starts (the row above is of another segment): a rule with its name. */
  readonly segmentStart?: string | null;
}

export function rowElementId(index: number): string {
  return `entries-row-${index}`;
}

/** One row of the entries grid: an entry's cells, a damaged range's description, or a placeholder. */
export const EntryRow = memo(function EntryRow({ row, selected, onSelect, onOpen, segmentStart }: EntryRowProps) {
  const { index, row: data } = row.original;
  const cells = row.getVisibleCells();
  const common = {
    id: rowElementId(index),
    role: 'row',
    'aria-rowindex': index + 2,
    'aria-selected': selected,
    onClick: () => onSelect(index),
    onDoubleClick: () => onOpen(index),
    ...(segmentStart ? { 'data-segment-start': segmentStart, title: `Segment ${segmentStart} starts here` } : {}),
  } as const;

  if (!data) {
    return (
      <div {...common} className={`grid-row pending${selected ? ' selected' : ''}`} data-index={index} aria-busy={true}>
        <div role="gridcell" className="grid-cell mono align-end">
          {index}
        </div>
        <div role="gridcell" className="grid-cell pending-cell" aria-colspan={Math.max(1, cells.length - 1)}>
          {/* A quiet bar, not a word: a fast drag shows many of these for a frame. */}
          <span className="placeholder-bar" aria-hidden="true" />
          <span className="visually-hidden">Loading row</span>
        </div>
      </div>
    );
  }

  if (data.kind === 'damage') {
    const [first] = cells;
    return (
      <div {...common} className={`grid-row damage-row${selected ? ' selected' : ''}${segmentStart ? ' segment-start' : ''}`} data-index={index} data-row={data.row} data-kind="damage">
        {first && first.column.id === 'row' && (
          <div role="gridcell" className="grid-cell mono align-end">
            {data.row}
          </div>
        )}
        <div role="gridcell" className="grid-cell damage-cell" aria-colspan={Math.max(1, cells.length - (first?.column.id === 'row' ? 1 : 0))}>
          <span className="damage-icon" aria-hidden="true">
            ⚠
          </span>
          <strong>{damageLabel(data.damage)}</strong>
          {data.impact && <span className="damage-sentence" title={damageSentence(data)}>{damageSentence(data)}</span>}
          <span className="damage-place">{describeDamagePlace(data)}</span>
          {data.detail && <span className="damage-detail">— {data.detail}</span>}
        </div>
      </div>
    );
  }

  return (
    <div {...common} className={`grid-row${selected ? ' selected' : ''}${segmentStart ? ' segment-start' : ''}`} data-index={index} data-row={data.row} data-kind="entry">
      {cells.map((cell) => {
        const meta = cell.column.columnDef.meta;
        return (
          <div
            role="gridcell"
            key={cell.id}
            className={`grid-cell${meta?.align === 'end' ? ' align-end' : ''}${meta?.mono ? ' mono' : ''}`}
            data-column={cell.column.id}
          >
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </div>
        );
      })}
    </div>
  );
});
