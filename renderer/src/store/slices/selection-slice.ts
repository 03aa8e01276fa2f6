import type { EntryDetail, InspectorError } from '../../contract.js';
import { inspectorApi } from '../api-ref.js';
import type { SliceCreator } from '../app-state.js';
import { rowAt } from './rows-slice.js';

export interface ScrollRequest {
  readonly index: number;
  readonly align: 'nearest' | 'center';
  /** Changes on every request so the same index can be asked twice. */
  readonly nonce: number;
}

export interface SelectionSlice {
  /** Position in the current (filtered, sorted) list of rows. */
  readonly selectedIndex: number | null;
  /** Row number (chain position) of the selected row; survives filter changes. */
  readonly selectedRow: number | null;
  readonly detail: EntryDetail | null;
  readonly detailLoading: boolean;
  readonly detailError: InspectorError | null;
  readonly scrollRequest: ScrollRequest | null;
  selectIndex: (index: number, options?: { readonly scroll?: 'nearest' | 'center' }) => void;
  /** Moves the selection by `delta` rows (clamped), as ↑/↓/Page Up/Page Down/Home/End do. */
  moveSelection: (delta: number) => void;
  /** After a page arrives: resolves a selected index to its row. */
  syncSelectionWithRows: () => void;
  loadDetail: (row: number) => Promise<void>;
}

export const initialSelectionState = {
  selectedIndex: null,
  selectedRow: null,
  detail: null,
  detailLoading: false,
  detailError: null,
  scrollRequest: null,
};

let detailToken = 0;
let scrollNonce = 0;

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => ({
  ...initialSelectionState,
  selectIndex: (index, options) => {
    const scroll = options?.scroll ?? 'nearest';
    set({ selectedIndex: index, scrollRequest: { index, align: scroll, nonce: ++scrollNonce } });
    get().syncSelectionWithRows();
  },
  moveSelection: (delta) => {
    const { rowsTotal, selectedIndex } = get();
    if (rowsTotal === 0) return;
    const from = selectedIndex ?? (delta > 0 ? -1 : rowsTotal);
    const index = Math.min(rowsTotal - 1, Math.max(0, from + delta));
    get().selectIndex(index);
  },
  syncSelectionWithRows: () => {
    const { selectedIndex, selectedRow, rowPages } = get();
    if (selectedIndex === null) return;
    const row = rowAt(rowPages, selectedIndex);
    if (!row) {
      // Past the rows known (a link opened while indexing): fetched once a page says they exist;
      // asking now would answer "no such page" and ask again, forever.
      if (selectedIndex < get().rowsTotal) get().ensureRows(selectedIndex, selectedIndex + 1);
      return;
    }
    if (row.row !== selectedRow) {
      set({ selectedRow: row.row });
      void get().loadDetail(row.row);
    }
  },
  loadDetail: async (row) => {
    const session = get().session;
    if (!session) return;
    const token = ++detailToken;
    set({ detailLoading: true, detailError: null });
    const outcome = await inspectorApi().entry.get({ session_id: session.session_id, row });
    if (token !== detailToken) return;
    if (outcome.ok) set({ detail: outcome.value, detailLoading: false });
    else set({ detail: null, detailLoading: false, detailError: outcome.error });
  },
});
