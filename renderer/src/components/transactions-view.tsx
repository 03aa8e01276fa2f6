import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TransactionStatus } from '../contract.js';
import { formatCount } from '../lib/format.js';
import { useAppStore } from '../store/app-store.js';
import { TRANSACTION_STATUSES, TX_PAGE_SIZE } from '../store/slices/transactions-slice.js';
import { DebouncedInput } from './debounced-input.js';
import { ErrorMessage } from './error-message.js';
import { STATUS_TEXT, TransactionsTable } from './transactions-table.js';
import { UndoTransaction } from './undo-transaction.js';

/** Transactions: search by id prefix, status toggles with their counts, a status line, the grid. */
export function TransactionsView() {
  const { total, unfiltered, counts, loading, error, statuses, prefix, confirmed, complete, damagedOnly, damaged } = useAppStore(
    useShallow((s) => ({
      total: s.transactionsTotal,
      unfiltered: s.transactionsTotalUnfiltered,
      counts: s.transactionCounts,
      loading: s.transactionsLoading,
      error: s.transactionsError,
      statuses: s.transactionStatuses,
      prefix: s.transactionPrefix,
      confirmed: s.transactionsConfirmed,
      complete: s.transactionsComplete,
      damagedOnly: s.transactionDamagedOnly,
      damaged: s.transactionsDamaged,
    })),
  );
  const setStatuses = useAppStore((s) => s.setTransactionStatuses);
  const setPrefix = useAppStore((s) => s.setTransactionPrefix);
  const setDamagedOnly = useAppStore((s) => s.setTransactionDamagedOnly);
  const ensure = useAppStore((s) => s.ensureTransactions);
  const reload = useAppStore((s) => s.reloadTransactions);
  const indexed = useAppStore((s) => s.session?.progress.complete ?? false);
  const hasAnswer = counts !== null;
  const [undoTarget, setUndoTarget] = useState<{ id: string; seq: number } | null>(null);
  const onUndo = (id: string) => setUndoTarget((t) => ({ id, seq: (t?.seq ?? 0) + 1 }));

  useEffect(() => {
    if (hasAnswer) reload();
    else ensure(0, TX_PAGE_SIZE);
  }, [indexed]);

  const toggle = (status: TransactionStatus) =>
    setStatuses(statuses.includes(status) ? statuses.filter((s) => s !== status) : [...statuses, status]);

  return (
    <div className="transactions-view">
      <div className="filter-bar tx-filter-bar">
        <DebouncedInput value={prefix} onCommit={setPrefix} label="Transaction id" placeholder="Transaction id starts with…" className="tx-search" />
        <div role="group" aria-label="Transaction status" className="tx-statuses">
          {TRANSACTION_STATUSES.map((status) => (
            <label key={status} className={`status-toggle status-${status}`}>
              <input type="checkbox" checked={statuses.includes(status)} onChange={() => toggle(status)} />
              {STATUS_TEXT[status]} {counts && <span className="muted">({formatCount(counts[status])})</span>}
            </label>
          ))}
          <label className="status-toggle status-damaged" title="Transactions with an entry read from a damaged range (unverified) or a damaged range between their Begin and end">
            <input type="checkbox" checked={damagedOnly} onChange={() => setDamagedOnly(!damagedOnly)} data-testid="tx-damaged-only" />
            Damaged only {damaged !== null && <span className="muted">({formatCount(damaged)})</span>}
          </label>
        </div>
      </div>
      <div className="table-status tx-status" role="status" data-testid="transactions-count">
        {!hasAnswer ? 'Grouping transactions…' : (
          <>
            {total === unfiltered ? `${formatCount(total)} transactions` : `${formatCount(total)} of ${formatCount(unfiltered)} transactions`}
            {prefix && <> with an id starting “{prefix}”</>}
            {damagedOnly && <>, damaged only</>}
            {!complete && <span className="muted"> — so far, while the log is indexed</span>}
            {!confirmed && <span className="muted"> — grouped by id hash while the ids are compared byte by byte</span>}
            {loading && <span className="muted"> …</span>}
          </>
        )}
      </div>
      <UndoTransaction target={undoTarget} />
      {error && <ErrorMessage title="Transactions could not be listed" error={error} />}
      {hasAnswer && total === 0 && !loading ? (
        <div className="empty-state">No transactions {prefix ? `with an id starting “${prefix}” ` : ''}with these statuses.</div>
      ) : (
        <TransactionsTable onUndo={onUndo} />
      )}
    </div>
  );
}
