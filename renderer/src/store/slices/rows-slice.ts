import type { InspectorError, Row, RowPage } from '../../contract.js';
import { inspectorApi, newJobId } from '../api-ref.js';
import type { SliceCreator } from '../app-state.js';
import { isAborted } from './jobs-slice.js';

export const ROW_PAGE_SIZE = 200;
/** Pages kept loaded at most (12,000 rows): dragging through 10 M rows must not keep them all. */
export const MAX_LOADED_PAGES = 60;
/** A text search answers after about this long with what it found so far; the table asks again until it has scanned every row. */
export const SEARCH_SLICE_MS = 250;

export interface RowsSlice {
  /** Loaded pages of the current query: page number → rows. */
  readonly rowPages: ReadonlyMap<number, readonly Row[]>;
  /** Bumped whenever the filter or sort changes: older answers are dropped. */
  readonly rowsQuery: number;
  /** Bumped when rows may have grown (indexing, follow): loaded pages are refetched in view. */
  readonly rowsEpoch: number;
  readonly rowsTotal: number;
  readonly rowsTotalUnfiltered: number;
  /** While a text search runs: rows it has scanned (matches counted only among them); null when none runs. */
  readonly rowsScanned: number | null;
  /** The text search was cancelled before it scanned every row. */
  readonly rowsSearchStopped: boolean;
  readonly rowsComplete: boolean;
  readonly rowsLoading: boolean;
  readonly rowsError: InspectorError | null;
  /** performance.now() when the current query's first page arrived (benchmarks read it). */
  readonly rowsSettledAt: number;
  /** Rows [first, end) the table shows. */
  readonly rowsInView: { readonly first: number; readonly end: number };
  setRowsInView: (first: number, end: number) => void;
  ensureRows: (first: number, end: number) => void;
  reloadRows: (options?: { readonly queryChanged?: boolean }) => void;
}

export const initialRowsState = {
  rowPages: new Map<number, readonly Row[]>() as ReadonlyMap<number, readonly Row[]>,
  rowsTotal: 0,
  rowsTotalUnfiltered: 0,
  rowsScanned: null,
  rowsSearchStopped: false,
  rowsComplete: false,
  rowsLoading: false,
  rowsError: null,
  rowsInView: { first: 0, end: 0 },
};

/** Pages being fetched, keyed by `${query}:${epoch}:${page}`; kept out of the state on purpose. */
const inflight = new Set<string>();
/**
 * The text search of the current query: one entry in the job bar for the whole search, keyed by
 * the id of its latest call (progress and Cancel reach that call); stopped once cancelled.
 */
let search: { query: number; jobId: string | null; label: string; startedAt: number; stopped: boolean } | null = null;
/** The epoch each loaded page was fetched in. */
const pageEpochs = new Map<number, number>();

/** Drops the pages farthest from the view (never the one just loaded) past MAX_LOADED_PAGES. */
function evictFarPages(pages: Map<number, readonly Row[]>, viewPage: number, keep: number): void {
  if (pages.size <= MAX_LOADED_PAGES) return;
  const far = [...pages.keys()].filter((p) => p !== keep).sort((a, b) => Math.abs(b - viewPage) - Math.abs(a - viewPage));
  for (const p of far.slice(0, pages.size - MAX_LOADED_PAGES)) {
    pages.delete(p);
    pageEpochs.delete(p);
  }
}

export function rowAt(pages: ReadonlyMap<number, readonly Row[]>, index: number): Row | undefined {
  return pages.get(Math.floor(index / ROW_PAGE_SIZE))?.[index % ROW_PAGE_SIZE];
}

export const createRowsSlice: SliceCreator<RowsSlice> = (set, get) => {
  const fetchPage = async (page: number) => {
    const { session, filter, sort, rowsQuery, rowsEpoch } = get();
    if (!session) return;
    const key = `${rowsQuery}:${rowsEpoch}:${page}`;
    if (inflight.has(key)) return;
    inflight.add(key);
    set({ rowsLoading: true });
    const args = { session_id: session.session_id, offset: page * ROW_PAGE_SIZE, limit: ROW_PAGE_SIZE, filter, sort };
    // A text search streams: each call scans for a slice of time and answers with the matches so far.
    let outcome;
    if (filter.text) {
      if (search?.query !== rowsQuery) search = { query: rowsQuery, jobId: null, label: `Searching data for “${filter.text}”`, startedAt: Date.now(), stopped: false };
      if (search.stopped) {
        inflight.delete(key);
        set({ rowsLoading: inflight.size > 0 });
        return;
      }
      const job_id = newJobId('search');
      showSearchJob(job_id);
      outcome = await inspectorApi().rows.page({ ...args, job_id, answer_within_ms: SEARCH_SLICE_MS });
    } else {
      outcome = await inspectorApi().rows.page(args);
    }
    inflight.delete(key);
    const state = get();
    if (state.rowsQuery !== rowsQuery || state.session?.session_id !== session.session_id) return;
    if (!outcome.ok) {
      if (search?.query === rowsQuery) {
        search.stopped = true;
        showSearchJob(null);
      }
      set({ rowsLoading: inflight.size > 0, rowsError: isAborted(outcome.error) ? null : outcome.error });
      if (isAborted(outcome.error)) {
        set({ rowsSearchStopped: true });
        get().pushError('Search stopped', { ...outcome.error, message: 'The search in data was cancelled; the table shows what it found in the rows it had scanned.' });
      }
      return;
    }
    applyPage(page, rowsEpoch, outcome.value);
  };

  /** The job bar's entry for the search: under the id of its latest call, or gone (null). */
  const showSearchJob = (jobId: string | null) => {
    const s = search;
    set((state) => {
      const jobs = new Map(state.jobs);
      // The previous call's progress stands until this call reports its own.
      const last = s?.jobId ? jobs.get(s.jobId)?.progress ?? null : null;
      if (s?.jobId) jobs.delete(s.jobId);
      if (s && jobId) jobs.set(jobId, { jobId, label: s.label, startedAt: s.startedAt, progress: last && { ...last, job_id: jobId } });
      return { jobs };
    });
    if (s) s.jobId = jobId;
  };

  const applyPage = (page: number, epoch: number, value: RowPage) => {
    pageEpochs.set(page, epoch);
    const pages = new Map(get().rowPages);
    pages.set(page, value.rows);
    // Pages past the new end are gone (the filtered total shrank).
    const lastPage = Math.max(0, Math.ceil(value.total / ROW_PAGE_SIZE) - 1);
    for (const p of pages.keys()) if (p > lastPage) pages.delete(p);
    evictFarPages(pages, Math.floor(get().rowsInView.first / ROW_PAGE_SIZE), page);
    const firstAnswer = get().rowPages.size === 0;
    const searching = get().filter.text !== undefined && value.scanned !== undefined && value.scanned < value.total_unfiltered;
    set({
      rowPages: pages,
      rowsTotal: value.total,
      rowsTotalUnfiltered: value.total_unfiltered,
      rowsScanned: searching ? value.scanned! : null,
      rowsComplete: value.complete,
      rowsLoading: inflight.size > 0,
      rowsError: null,
      ...(firstAnswer ? { rowsSettledAt: performance.now() } : {}),
    });
    get().syncSelectionWithRows();
    if (!searching && search?.query === get().rowsQuery && inflight.size === 0) showSearchJob(null);
    // Not scanned through yet: ask again for the rows in view (the search goes on from where it stopped).
    if (searching && inflight.size === 0 && !search?.stopped) {
      const query = get().rowsQuery;
      setTimeout(() => {
        if (get().rowsQuery === query) get().reloadRows();
      }, 0);
    }
  };

  return {
    ...initialRowsState,
    rowsQuery: 0,
    rowsEpoch: 0,
    rowsSettledAt: 0,
    setRowsInView: (first, end) => {
      const current = get().rowsInView;
      if (current.first !== first || current.end !== end) set({ rowsInView: { first, end } });
      get().ensureRows(first, end);
    },
    ensureRows: (first, end) => {
      const { rowPages, rowsEpoch } = get();
      const firstPage = Math.floor(first / ROW_PAGE_SIZE);
      const lastPage = Math.floor(Math.max(first, end - 1) / ROW_PAGE_SIZE);
      for (let page = firstPage; page <= lastPage; page++) {
        if (!rowPages.has(page) || (pageEpochs.get(page) ?? -1) < rowsEpoch) void fetchPage(page);
      }
    },
    reloadRows: (options) => {
      if (options?.queryChanged) {
        pageEpochs.clear();
        if (search) {
          showSearchJob(null);
          search = null;
        }
        set((s) => ({
          rowsQuery: s.rowsQuery + 1,
          rowPages: new Map(),
          rowsError: null,
          selectedIndex: null,
          // A new text search has found nothing yet: never show the previous total meanwhile.
          rowsSearchStopped: false,
          ...(s.filter.text ? { rowsTotal: 0, rowsScanned: 0 } : { rowsScanned: null }),
        }));
        get().ensureRows(0, Math.max(1, get().rowsInView.end - get().rowsInView.first));
        return;
      }
      set((s) => ({ rowsEpoch: s.rowsEpoch + 1 }));
      const { first, end } = get().rowsInView;
      get().ensureRows(first, Math.max(end, first + 1));
    },
  };
};
