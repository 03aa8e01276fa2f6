import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TransactionStatus } from '../contract.js';
import { formatCount, formatLocalTime, shortenId } from '../lib/format.js';
import { useAppStore } from '../store/app-store.js';
import { TRANSACTION_STATUSES } from '../store/slices/transactions-slice.js';
import { ErrorMessage } from './error-message.js';

const STATUS_TEXT: Record<TransactionStatus, string> = {
  committed: 'committed',
  'rolled-back': 'rolled back',
  incomplete: 'incomplete',
  'single-entry': 'single entry',
};

/** Entries grouped by transaction id with their status; a click filters the table to one. */
export function TransactionsView() {
  const { items, total, counts, loading, error, statuses } = useAppStore(
    useShallow((s) => ({
      items: s.transactions,
      total: s.transactionsTotal,
      counts: s.transactionCounts,
      loading: s.transactionsLoading,
      error: s.transactionsError,
      statuses: s.transactionStatuses,
    })),
  );
  const segmentList = useAppStore((s) => s.session?.segments);
  const load = useAppStore((s) => s.loadTransactions);
  const setStatuses = useAppStore((s) => s.setTransactionStatuses);
  const filterTransaction = useAppStore((s) => s.filterTransaction);
  const complete = useAppStore((s) => s.session?.progress.complete ?? false);

  useEffect(() => {
    void load();
  }, [load, complete]);

  const toggle = (status: TransactionStatus) =>
    setStatuses(statuses.includes(status) ? statuses.filter((s) => s !== status) : [...statuses, status]);

  return (
    <div className="transactions-view">
      <div className="filter-bar" role="group" aria-label="Transaction status">
        {TRANSACTION_STATUSES.map((status) => (
          <label key={status} className={`status-toggle status-${status}`}>
            <input type="checkbox" checked={statuses.includes(status)} onChange={() => toggle(status)} />
            {STATUS_TEXT[status]} {counts && <span className="muted">({formatCount(counts[status])})</span>}
          </label>
        ))}
      </div>
      {error && <ErrorMessage title="Transactions could not be listed" error={error} />}
      <div className="list-scroll">
        <table className="plain-table">
          <thead>
            <tr>
              <th>Transaction</th>
              <th>Status</th>
              <th className="align-end">Entries</th>
              <th className="align-end">Documents</th>
              <th>First</th>
              <th>Last</th>
              <th>Segments</th>
            </tr>
          </thead>
          <tbody>
            {items.map((t) => (
              <tr key={t.transaction_id} className={`status-${t.status}`}>
                <td>
                  <button type="button" className="link-button mono" title={`${t.transaction_id} — show its entries`} onClick={() => filterTransaction(t.transaction_id)}>
                    {shortenId(t.transaction_id, 10)}
                  </button>
                </td>
                <td>
                  <span className={`status-pill status-${t.status}`}>{STATUS_TEXT[t.status]}</span>
                  {!t.has_begin && t.status !== 'single-entry' && <span className="muted small"> no Begin</span>}
                </td>
                <td className="align-end">{t.entries}</td>
                <td className="align-end">{t.documents}</td>
                <td className="mono">{formatLocalTime(t.first_time)}</td>
                <td className="mono">{formatLocalTime(t.last_time)}</td>
                <td className="mono small">{t.segments.map((i) => segmentList?.[i]?.name ?? String(i)).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {items.length === 0 && !loading && <div className="empty-state">No transactions with these statuses.</div>}
        {items.length < total && (
          <button type="button" onClick={() => void load(true)} disabled={loading}>
            Show more ({formatCount(total - items.length)} left)
          </button>
        )}
        {loading && <p className="muted">Loading…</p>}
      </div>
    </div>
  );
}
