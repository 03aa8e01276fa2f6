import { useState, type ReactNode } from 'react';
import { formatCount } from '../lib/format.js';

/** Items rendered at first; each "Show more" adds five times as many. */
const PAGE = 200;

interface GrowingListProps<T> {
  readonly items: readonly T[];
  /** One `<li>` per item (with its key). */
  readonly render: (item: T, index: number) => ReactNode;
  /** How many there are in all, when `items` holds only the first of them. */
  readonly total?: number;
  /** Where the rest are, said when `items` holds fewer than `total`. */
  readonly restWhere?: ReactNode;
  readonly className?: string;
}

/** A list that renders its first items and grows on demand: a report can hold millions. */
export function GrowingList<T>({ items, render, total = items.length, restWhere, className = 'issue-list' }: GrowingListProps<T>) {
  const [wanted, setWanted] = useState(PAGE);
  const shown = Math.min(wanted, items.length);
  return (
    <>
      <ul className={className}>{items.slice(0, shown).map(render)}</ul>
      {shown < total && (
        <p className="muted small list-footer">
          {formatCount(shown)} of {formatCount(total)} shown.{' '}
          {shown < items.length ? (
            <button type="button" className="link-button" onClick={() => setWanted(wanted + PAGE * 5)}>
              Show more
            </button>
          ) : (
            <>The report lists the first {formatCount(items.length)}{restWhere ? <>; {restWhere}</> : '.'}</>
          )}
        </p>
      )}
    </>
  );
}
