import { useShallow } from 'zustand/react/shallow';
import { formatCount } from '../lib/format.js';
import { useAppStore } from '../store/app-store.js';
import { selectActiveFilterCount } from '../store/selectors.js';
import { ErrorMessage } from './error-message.js';

/** "1,204 of 1,000,000 rows" and whether more are on the way. */
export function TableStatus() {
  const { total, unfiltered, complete, loading, error } = useAppStore(
    useShallow((s) => ({
      total: s.rowsTotal,
      unfiltered: s.rowsTotalUnfiltered,
      complete: s.rowsComplete,
      loading: s.rowsLoading,
      error: s.rowsError,
    })),
  );
  const filtered = useAppStore(selectActiveFilterCount) > 0;
  return (
    <div className="table-status" role="status" aria-live="polite">
      {error ? (
        <ErrorMessage title="Rows could not be read" error={error} />
      ) : (
        <span data-testid="row-count">
          {filtered ? `${formatCount(total)} of ${formatCount(unfiltered)} rows` : `${formatCount(total)} rows`}
          {!complete && ' so far'}
          {loading && ' · loading…'}
        </span>
      )}
      <span className="muted small">↑/↓ Page Up/Down Home/End to move · Enter for details</span>
    </div>
  );
}
