import type { InspectorError, TransactionItem, TransactionPage, TransactionSort, TransactionStatus } from '../../contract.js';
import { inspectorApi } from '../api-ref.js';
import type { SliceCreator } from '../app-state.js';

export const TRANSACTION_STATUSES: readonly TransactionStatus[] = ['committed', 'rolled-back', 'incomplete', 'single-entry'];
export const TX_PAGE_SIZE = 200;
/** Pages kept loaded at most: scrolling through millions of transactions must not keep them all. */
const MAX_TX_PAGES = 40;
/** While the service still compares ids by their bytes, ask again this often. */
const CONFIRM_POLL_MS = 500;

export interface TransactionsSlice {
  readonly transactionStatuses: readonly TransactionStatus[];
  readonly transactionSort: TransactionSort;
  /** Ids starting with this text ('' = all). */
  readonly transactionPrefix: string;
  /** Only damaged transactions (an entry unverified or lost). */
  readonly transactionDamagedOnly: boolean;
  /** Damaged transactions in the session, whatever the filters (null before the first answer). */
  readonly transactionsDamaged: number | null;
  /** Bumped whenever sort, statuses or prefix change: older answers are dropped. */
  readonly transactionsQuery: number;
  /** Loaded pages of the current query: page number → items. */
  readonly transactionPages: ReadonlyMap<number, readonly TransactionItem[]>;
  readonly transactionsTotal: number;
  readonly transactionsTotalUnfiltered: number;
  readonly transactionCounts: TransactionPage['counts'] | null;
  /** false while the list is grouped by id hash and the ids are still compared by their bytes. */
  readonly transactionsConfirmed: boolean;
  readonly transactionsComplete: boolean;
  readonly transactionsLoading: boolean;
  readonly transactionsError: InspectorError | null;
  setTransactionStatuses: (statuses: readonly TransactionStatus[]) => void;
  setTransactionSort: (sort: TransactionSort) => void;
  setTransactionPrefix: (prefix: string) => void;
  setTransactionDamagedOnly: (only: boolean) => void;
  /** Loads the pages covering items [first, end) that are not loaded for the current query. */
  ensureTransactions: (first: number, end: number) => void;
  /** Drops loaded pages and asks again (rows grew, ids got confirmed). */
  reloadTransactions: (options?: { readonly queryChanged?: boolean }) => void;
}

export const initialTransactionsState = {
  transactionStatuses: ['committed', 'rolled-back', 'incomplete'] as readonly TransactionStatus[],
  transactionSort: { key: 'first', direction: 'asc' } as TransactionSort,
  transactionPrefix: '',
  transactionDamagedOnly: false,
  transactionsDamaged: null as number | null,
  transactionPages: new Map<number, readonly TransactionItem[]>() as ReadonlyMap<number, readonly TransactionItem[]>,
  transactionsTotal: 0,
  transactionsTotalUnfiltered: 0,
  transactionCounts: null,
  transactionsConfirmed: true,
  transactionsComplete: false,
  transactionsLoading: false,
  transactionsError: null,
};

export function transactionAt(pages: ReadonlyMap<number, readonly TransactionItem[]>, index: number): TransactionItem | undefined {
  return pages.get(Math.floor(index / TX_PAGE_SIZE))?.[index % TX_PAGE_SIZE];
}

/** Pages being fetched, `${query}:${page}`; kept out of the state on purpose. */
const inflight = new Set<string>();
let pollTimer: ReturnType<typeof setTimeout> | null = null;

export const createTransactionsSlice: SliceCreator<TransactionsSlice> = (set, get) => {
  const fetchPage = async (page: number) => {
    const { session, transactionsQuery: query, transactionSort, transactionStatuses, transactionPrefix, transactionDamagedOnly } = get();
    if (!session) return;
    const key = `${query}:${page}`;
    if (inflight.has(key)) return;
    inflight.add(key);
    set({ transactionsLoading: true });
    const outcome = await inspectorApi().transactions.page({
      session_id: session.session_id, offset: page * TX_PAGE_SIZE, limit: TX_PAGE_SIZE, sort: transactionSort, status: transactionStatuses,
      ...(transactionPrefix ? { id_prefix: transactionPrefix } : {}), ...(transactionDamagedOnly ? { damaged: true } : {}),
    });
    inflight.delete(key);
    const state = get();
    if (state.transactionsQuery !== query || state.session?.session_id !== session.session_id) return;
    if (!outcome.ok) {
      set({ transactionsLoading: inflight.size > 0, transactionsError: outcome.error });
      return;
    }
    const v = outcome.value;
    const pages = new Map(state.transactionPages);
    pages.set(page, v.items);
    const lastPage = Math.max(0, Math.ceil(v.total / TX_PAGE_SIZE) - 1);
    for (const p of pages.keys()) if (p > lastPage) pages.delete(p);
    if (pages.size > MAX_TX_PAGES) {
      const far = [...pages.keys()].filter((p) => p !== page).sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
      for (const p of far.slice(0, pages.size - MAX_TX_PAGES)) pages.delete(p);
    }
    set({
      transactionPages: pages, transactionsTotal: v.total, transactionsTotalUnfiltered: v.total_unfiltered, transactionCounts: v.counts,
      transactionsConfirmed: v.ids_confirmed, transactionsComplete: v.complete, transactionsLoading: inflight.size > 0, transactionsError: null,
      transactionsDamaged: v.damaged ?? null,
    });
    // Grouped by hash for now: ask again until the service has compared the ids by their bytes.
    if ((!v.ids_confirmed || !v.complete) && !pollTimer) {
      pollTimer = setTimeout(() => {
        pollTimer = null;
        if (get().session?.session_id === session.session_id && get().view === 'transactions') get().reloadTransactions();
      }, CONFIRM_POLL_MS);
    }
  };

  const changeQuery = (patch: Partial<TransactionsSlice>) => {
    set((s) => ({ ...patch, transactionsQuery: s.transactionsQuery + 1, transactionPages: new Map(), transactionsError: null }));
    get().ensureTransactions(0, TX_PAGE_SIZE);
  };

  return {
    ...initialTransactionsState,
    transactionsQuery: 0,
    setTransactionStatuses: (transactionStatuses) => changeQuery({ transactionStatuses }),
    setTransactionSort: (transactionSort) => changeQuery({ transactionSort }),
    setTransactionPrefix: (transactionPrefix) => changeQuery({ transactionPrefix }),
    setTransactionDamagedOnly: (transactionDamagedOnly) => changeQuery({ transactionDamagedOnly }),
    ensureTransactions: (first, end) => {
      const { transactionPages, transactionsQuery } = get();
      const firstPage = Math.floor(first / TX_PAGE_SIZE);
      const lastPage = Math.floor(Math.max(first, end - 1) / TX_PAGE_SIZE);
      for (let page = firstPage; page <= lastPage; page++) {
        if (!transactionPages.has(page) && !inflight.has(`${transactionsQuery}:${page}`)) void fetchPage(page);
      }
    },
    reloadTransactions: (options) => {
      if (options?.queryChanged) {
        changeQuery({});
        return;
      }
      // Same query, newer answers: refetch the loaded pages in place (what is on screen stays until they come).
      const loaded = [...get().transactionPages.keys()];
      set((s) => ({ transactionsQuery: s.transactionsQuery + 1 }));
      for (const page of loaded.length > 0 ? loaded : [0]) void fetchPage(page);
    },
  };
};
