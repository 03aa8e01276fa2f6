import type { SessionInfo } from '../contract.js';
import { decodeView, defaultSortFor, encodeView, sameSort, sameViewBesidesRow, type ViewState } from '../lib/view-url.js';
import { inspectorApi } from './api-ref.js';
import type { AppState } from './app-state.js';
import { normalizeFilter } from './slices/query-slice.js';

/** The parts of `window` this module uses (a stand-in in tests). */
export interface UrlPage {
  readonly location: { readonly hash: string; readonly pathname: string; readonly search: string };
  readonly history: { pushState(data: unknown, unused: string, url: string): void; replaceState(data: unknown, unused: string, url: string): void };
  addEventListener(type: 'popstate', listener: () => void): void;
  removeEventListener(type: 'popstate', listener: () => void): void;
}

interface Store {
  getState(): AppState;
  setState(partial: Partial<AppState>): void;
  subscribe(listener: (state: AppState, previous: AppState) => void): () => void;
}

const strip = (p: string) => p.replace(/[\\/]+$/, '');

/**
 * The collection to name in the address: only when the log was opened as a store root (the
 * input is not the collection directory, its .wal/ or a segment, however it was written).
 */
function collectionOf(session: SessionInfo): string | undefined {
  if (!session.collection || session.kind !== 'wal-dir') return undefined;
  const input = strip(session.input);
  const last = input.split(/[\\/]/).pop() ?? '';
  if (last === session.collection || last === '.wal' || input === strip(session.collection_dir ?? '')) return undefined;
  return session.collection;
}

/** The view the store shows now, as the address would hold it. */
export function viewOfState(s: AppState): ViewState {
  if (!s.session) return { log: null, view: 'entries', filter: {} };
  const collection = collectionOf(s.session);
  return {
    log: s.session.input, view: s.view, filter: s.filter, ...(sameSort(s.sort, defaultSortFor(s.session)) ? {} : { sort: s.sort }),
    ...(collection ? { collection } : {}), ...(s.selectedRow !== null ? { row: s.selectedRow } : {}),
  };
}

/**
 * Keeps the address and the view in step: a new view (log, tab, filter, sort, time range) is a
 * new history entry, a new selected row replaces the current one; a reload, a pasted link and
 * back/forward bring the view of the address back. Returns the function that stops it.
 */
export function connectUrl(store: Store, page: UrlPage = window as unknown as UrlPage): () => void {
  /** While the address is being applied, the store's changes are its echo: not written back. */
  let applying = 0;
  let written = page.location.hash.replace(/^#/, '');

  const write = (state: AppState, previous: AppState) => {
    if (applying > 0 || state.opening) return;
    const next = encodeView(viewOfState(state));
    if (next === written) return;
    const url = page.location.pathname + page.location.search + (next ? `#${next}` : '');
    if (sameViewBesidesRow(viewOfState(state), viewOfState(previous)) && decodeView(written).log === viewOfState(state).log) {
      page.history.replaceState(null, '', url);
    } else {
      page.history.pushState(null, '', url);
    }
    written = next;
  };

  const apply = async (target: ViewState) => {
    applying++;
    // Selected after the rest is applied, maybe once indexing reaches it: the address follows the store meanwhile.
    let pendingRow: number | undefined;
    try {
      let s = store.getState();
      if (!target.log) {
        if (s.session) await s.closeSession();
        return;
      }
      const current = s.session ? viewOfState(s) : null;
      if (!current || current.log !== target.log || current.collection !== target.collection) {
        await s.openPath(target.log, target.collection);
        s = store.getState();
        if (!s.session) return; // the open failed: the start screen says why
      }
      const filter = normalizeFilter(target.filter);
      const sort = target.sort ?? defaultSortFor(s.session);
      if (JSON.stringify(filter) !== JSON.stringify(s.filter) || JSON.stringify(sort) !== JSON.stringify(s.sort)) {
        store.setState({ filter, sort });
        s.reloadRows({ queryChanged: true });
        void s.loadTimeline();
      }
      if (s.view !== target.view) s.setView(target.view);
      if (target.row !== undefined && target.row !== store.getState().selectedRow) pendingRow = target.row;
    } finally {
      applying--;
      const state = store.getState();
      written = encodeView(viewOfState(state));
      // What the address asked for may not exist (a row past the end): say what is shown instead.
      const url = page.location.pathname + page.location.search + (written ? `#${written}` : '');
      page.history.replaceState(null, '', url);
      if (pendingRow !== undefined) void selectRow(store, pendingRow);
    }
  };

  const onPopState = () => void apply(decodeView(page.location.hash));
  page.addEventListener('popstate', onPopState);
  const unsubscribe = store.subscribe(write);
  const initial = decodeView(page.location.hash);
  if (initial.log) void apply(initial);
  return () => {
    unsubscribe();
    page.removeEventListener('popstate', onPopState);
  };
}

/** Resolves once the session has `row` indexed (or indexing ended): a reload opens the log afresh. */
function rowIndexed(store: Store, row: number): Promise<boolean> {
  const ready = (st: AppState) => !st.session || st.session.progress.rows > row || st.session.progress.complete;
  if (ready(store.getState())) return Promise.resolve(store.getState().session !== null);
  return new Promise((resolve) => {
    const unsubscribe = store.subscribe((st) => {
      if (!ready(st)) return;
      unsubscribe();
      resolve(st.session !== null);
    });
  });
}

/**
 * Selects the row with this chain number in the current view (its index there, from the
 * service), unless the user selected something else meanwhile.
 */
async function selectRow(store: Store, row: number): Promise<void> {
  const before = store.getState().scrollRequest;
  if (!(await rowIndexed(store, row))) return;
  const s = store.getState();
  if (!s.session || s.scrollRequest !== before) return;
  const outcome = await inspectorApi().rows.locate({ session_id: s.session.session_id, query: `row:${row}`, filter: s.filter, sort: s.sort });
  if (store.getState().scrollRequest !== before) return;
  if (outcome.ok && outcome.value.index !== null) store.getState().selectIndex(outcome.value.index, { scroll: 'center' });
}
