import { useEffect } from 'react';
import { formatCount } from '../lib/format.js';
import { useAppStore } from '../store/app-store.js';
import { TX_PAGE_SIZE } from '../store/slices/transactions-slice.js';
import type { MainView } from '../store/slices/ui-slice.js';

const TABS: ReadonlyArray<{ readonly id: MainView; readonly label: string }> = [
  { id: 'entries', label: 'Entries' },
  { id: 'transactions', label: 'Transactions' },
  { id: 'stats', label: 'Statistics' },
  { id: 'verify', label: 'Verify' },
];

export function ViewTabs() {
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const verdict = useAppStore((s) => s.verifyReport?.passed);
  const indexed = useAppStore((s) => s.session?.progress.complete ?? false);
  const sessionId = useAppStore((s) => s.session?.session_id);
  const transactions = useAppStore((s) => (s.transactionCounts ? s.transactionsTotal : null));
  const ensureTransactions = useAppStore((s) => s.ensureTransactions);
  // Once indexed, the service groups the transactions in the background and the tab shows their
  // count: opening the view later finds them grouped.
  useEffect(() => {
    if (indexed && sessionId) ensureTransactions(0, TX_PAGE_SIZE);
  }, [indexed, sessionId, ensureTransactions]);
  return (
    <div className="view-tabs" role="tablist" aria-label="Views">
      {TABS.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={`tab-${tab.id}`}
          aria-selected={view === tab.id}
          aria-controls={`panel-${tab.id}`}
          className={`tab${view === tab.id ? ' active' : ''}`}
          onClick={() => setView(tab.id)}
        >
          {tab.label}
          {tab.id === 'transactions' && transactions !== null && <span className="tab-count muted"> {formatCount(transactions)}</span>}
          {tab.id === 'verify' && verdict !== undefined && (
            <span className={`tab-mark ${verdict ? 'ok' : 'trouble'}`}>{verdict ? '✓' : '✗'}</span>
          )}
        </button>
      ))}
    </div>
  );
}
