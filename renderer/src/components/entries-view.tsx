import { EntriesTable } from './entries-table.js';
import { FilterBar } from './filter-bar.js';
import { GoToBox } from './go-to-box.js';
import { TableStatus } from './table-status.js';

export function EntriesView() {
  return (
    <div className="entries-view">
      <FilterBar />
      <GoToBox />
      <EntriesTable />
      <TableStatus />
    </div>
  );
}
