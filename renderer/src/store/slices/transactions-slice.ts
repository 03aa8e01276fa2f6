import type { InspectorError, TransactionItem, TransactionList, TransactionStatus } from '../../contract.js';
import { inspectorApi } from '../api-ref.js';
import type { SliceCreator } from '../app-state.js';

export const TRANSACTION_STATUSES: readonly TransactionStatus[] = ['committed', 'rolled-back', 'incomplete', 'single-entry'];
const PAGE = 500;

export interface TransactionsSlice {
  readonly transactionStatuses: readonly TransactionStatus[];
  readonly transactions: readonly TransactionItem[];
  readonly transactionsTotal: number;
  readonly transactionCounts: TransactionList['counts'] | null;
  readonly transactionsLoading: boolean;
  readonly transactionsError: InspectorError | null;
  setTransactionStatuses: (statuses: readonly TransactionStatus[]) => void;
  loadTransactions: (more?: boolean) => Promise<void>;
}

export const initialTransactionsState = {
  transactionStatuses: ['committed', 'rolled-back', 'incomplete'] as readonly TransactionStatus[],
  transactions: [] as readonly TransactionItem[],
  transactionsTotal: 0,
  transactionCounts: null,
  transactionsLoading: false,
  transactionsError: null,
};

let token = 0;

export const createTransactionsSlice: SliceCreator<TransactionsSlice> = (set, get) => ({
  ...initialTransactionsState,
  setTransactionStatuses: (transactionStatuses) => {
    set({ transactionStatuses, transactions: [] });
    void get().loadTransactions();
  },
  loadTransactions: async (more = false) => {
    const session = get().session;
    if (!session) return;
    const mine = ++token;
    const offset = more ? get().transactions.length : 0;
    set({ transactionsLoading: true });
    const outcome = await inspectorApi().transactions.list({
      session_id: session.session_id,
      offset,
      limit: PAGE,
      status: get().transactionStatuses,
    });
    if (mine !== token) return;
    if (!outcome.ok) {
      set({ transactionsLoading: false, transactionsError: outcome.error });
      return;
    }
    const { items, total, counts } = outcome.value;
    set({
      transactions: more ? [...get().transactions, ...items] : items,
      transactionsTotal: total,
      transactionCounts: counts,
      transactionsLoading: false,
      transactionsError: null,
    });
  },
});
