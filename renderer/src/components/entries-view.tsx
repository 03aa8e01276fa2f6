import { EntriesTable } from './entries-table.js';
import { EntriesToolbar, useFoldable } from './entries-toolbar.js';
import { FilterBar } from './filter-bar.js';
import { QueryBox } from './query-box.js';
import { TableStatus } from './table-status.js';

export function EntriesView() {
  const [filtersOpen, toggleFilters] = useFoldable('filters-open');
  const [queryOpen, toggleQuery] = useFoldable('query-open');
  return (
    <div className="entries-view">
      <EntriesToolbar filtersOpen={filtersOpen} queryOpen={queryOpen} onToggleFilters={toggleFilters} onToggleQuery={toggleQuery} />
      {/* Folded, not unmounted: a half-typed filter or query is still there when it opens again. */}
      <div id="entries-filters" hidden={!filtersOpen}>
        <FilterBar />
      </div>
      <div id="entries-query" hidden={!queryOpen}>
        <QueryBox />
      </div>
      <EntriesTable />
      <TableStatus />
    </div>
  );
}
