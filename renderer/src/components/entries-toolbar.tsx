import { useState } from 'react';
import { readStoredNumber, writeStoredNumber } from '../lib/stored-layout.js';
import { useAppStore } from '../store/app-store.js';
import { selectActiveFilterCount } from '../store/selectors.js';
import { ColumnMenu } from './column-menu.js';
import { GoToBox } from './go-to-box.js';

/** A section above the table that folds away (remembered): at 1024×768 the filters and query take room the rows need. */
export function useFoldable(key: string): [boolean, () => void] {
  const [open, setOpen] = useState(() => readStoredNumber(key, 1) !== 0);
  const toggle = () => {
    writeStoredNumber(key, open ? 0 : 1);
    setOpen(!open);
  };
  return [open, toggle];
}

interface EntriesToolbarProps {
  readonly filtersOpen: boolean;
  readonly queryOpen: boolean;
  readonly onToggleFilters: () => void;
  readonly onToggleQuery: () => void;
}

/**
 * One row over the table: the Filters and Query sections' toggles (each says when it holds
 * something while folded), Go to, Columns and Export.
 */
export function EntriesToolbar({ filtersOpen, queryOpen, onToggleFilters, onToggleQuery }: EntriesToolbarProps) {
  const active = useAppStore(selectActiveFilterCount);
  const where = useAppStore((s) => Boolean(s.filter.where));
  const openExport = useAppStore((s) => s.openExport);
  return (
    <div className="entries-toolbar">
      <button type="button" className="fold-toggle" aria-expanded={filtersOpen} aria-controls="entries-filters" onClick={onToggleFilters}>
        <span aria-hidden="true">{filtersOpen ? '▾' : '▸'}</span> Filters{active > 0 && <span className="fold-count"> ({active})</span>}
      </button>
      <button type="button" className="fold-toggle" aria-expanded={queryOpen} aria-controls="entries-query" onClick={onToggleQuery}>
        <span aria-hidden="true">{queryOpen ? '▾' : '▸'}</span> Query{where && <span className="fold-count"> (on)</span>}
      </button>
      <GoToBox />
      <ColumnMenu />
      <button type="button" onClick={openExport}>
        Export…
      </button>
    </div>
  );
}
