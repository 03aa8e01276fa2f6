import type { EntryTypeName, RowFilter, RowSort, SortKey } from '../../contract.js';
import type { SliceCreator } from '../app-state.js';

export interface TimeSelection {
  readonly from: number;
  readonly to: number;
}

export interface QuerySlice {
  /** What rows.page gets: the one source of truth for filtering. */
  readonly filter: RowFilter;
  readonly sort: RowSort;
  setFilter: (patch: Partial<RowFilter>) => void;
  toggleType: (type: EntryTypeName) => void;
  setTimeRange: (range: TimeSelection | null) => void;
  setSort: (key: SortKey) => void;
  clearFilters: () => void;
  /** Shows one transaction's entries in the table. */
  filterTransaction: (transactionId: string) => void;
  /** Clears filters and sort so that index = row, then selects and scrolls to `row`. */
  revealRow: (row: number) => void;
}

export const initialQueryState = {
  filter: {} as RowFilter,
  sort: { key: 'file', direction: 'asc' } as RowSort,
};

/** Drops empty values so that equal filters compare and serialise equal. */
export function normalizeFilter(filter: RowFilter): RowFilter {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === '' || value === null) continue;
    if (key === 'damage' && value === 'include') continue;
    if (key === 'text_case_sensitive' && value === false) continue;
    out[key] = value;
  }
  if (!('text' in out)) delete out['text_case_sensitive'];
  return out as RowFilter;
}

/** Longest the timeline waits for the table's first rows. */
const TIMELINE_DEFER_MS = 1000;

export const createQuerySlice: SliceCreator<QuerySlice> = (set, get, api) => {
  // The table first: the service answers one request at a time, and a timeline over a million
  // rows asked for together with the rows would delay them. Ask for it once the new query's
  // first rows (or its error) arrived, or it was replaced, or after TIMELINE_DEFER_MS.
  const loadTimelineAfterRows = () => {
    const { rowsQuery, rowsSettledAt, rowsLoading } = get();
    if (!rowsLoading) {
      void get().loadTimeline();
      return;
    }
    let done = false;
    const load = () => {
      if (done) return;
      done = true;
      unsubscribe();
      clearTimeout(timer);
      void get().loadTimeline();
    };
    const unsubscribe = api.subscribe((s) => {
      if (s.rowsQuery !== rowsQuery || s.rowsSettledAt !== rowsSettledAt || s.rowsError !== null || !s.rowsLoading) load();
    });
    const timer = setTimeout(load, TIMELINE_DEFER_MS);
  };
  const apply = (filter: RowFilter, sort = get().sort) => {
    const previous = get().filter;
    set({ filter: normalizeFilter(filter), sort });
    get().reloadRows({ queryChanged: true });
    if (timelineKey(previous) !== timelineKey(get().filter)) loadTimelineAfterRows();
  };
  return {
    ...initialQueryState,
    setFilter: (patch) => apply({ ...get().filter, ...patch }),
    toggleType: (type) => {
      const current = get().filter.types;
      let types: EntryTypeName[];
      if (!current) types = [type];
      else if (current.includes(type)) types = current.filter((t) => t !== type);
      else types = [...current, type];
      apply({ ...get().filter, types: types.length > 0 ? types : undefined });
    },
    setTimeRange: (range) =>
      apply({ ...get().filter, time_from: range?.from, time_to: range?.to }),
    setSort: (key) => {
      const sort = get().sort;
      const direction = sort.key === key && (sort.direction ?? 'asc') === 'asc' ? 'desc' : 'asc';
      apply(get().filter, { key, direction });
    },
    clearFilters: () => apply({}),
    filterTransaction: (transactionId) => {
      set({ view: 'entries' });
      apply({ transaction_id: transactionId });
    },
    revealRow: (row) => {
      set({ view: 'entries', dialog: null });
      const { filter, sort } = get();
      if (Object.keys(filter).length > 0 || sort.key !== 'file' || sort.direction === 'desc') {
        apply({}, { key: 'file', direction: 'asc' });
      }
      get().selectIndex(row, { scroll: 'center' });
    },
  };
};

/** The part of the filter the timeline depends on (not the time range, not the text). */
export function timelineKey(filter: RowFilter): string {
  const { time_from: _from, time_to: _to, text: _text, text_case_sensitive: _cs, ...rest } = filter;
  return JSON.stringify(rest);
}

export function timelineFilter(filter: RowFilter): Omit<RowFilter, 'time_from' | 'time_to' | 'text'> {
  const { time_from: _from, time_to: _to, text: _text, text_case_sensitive: _cs, ...rest } = filter;
  return rest;
}
