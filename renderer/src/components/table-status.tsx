import { useShallow } from 'zustand/react/shallow';
import { formatCount } from '../lib/format.js';
import { useAppStore } from '../store/app-store.js';
import { selectActiveFilterCount } from '../store/selectors.js';
import { ErrorMessage } from './error-message.js';

/** "1,204 of 1,000,000 rows" and whether more are on the way. */
export function TableStatus() {
  const { total, unfiltered, scanned, stopped, complete, loading, error } = useAppStore(
    useShallow((s) => ({
      total: s.rowsTotal,
      unfiltered: s.rowsTotalUnfiltered,
      scanned: s.rowsScanned,
      stopped: s.rowsSearchStopped,
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
          {scanned !== null ? (
            // A search still running: what it found among the rows it read, never a total it does not have.
            stopped
              ? <>{formatCount(total)} found · search stopped after {formatCount(scanned)} of {formatCount(unfiltered)} rows</>
              : <>{formatCount(total)} found so far · scanned {formatCount(scanned)} of {formatCount(unfiltered)} rows</>
          ) : (
            <>
              {filtered ? `${formatCount(total)} of ${formatCount(unfiltered)} rows` : `${formatCount(total)} rows`}
              {!complete && ' so far'}
              {loading && ' · loading…'}
            </>
          )}
        </span>
      )}
      <span className="muted small">↑/↓ Page Up/Down Home/End to move · Enter for details</span>
    </div>
  );
}
