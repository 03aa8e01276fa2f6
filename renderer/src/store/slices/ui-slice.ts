import type { SliceCreator } from '../app-state.js';

export type MainView = 'entries' | 'transactions' | 'stats' | 'verify';
export type DialogName = 'recovery' | 'checkpoint' | 'export' | null;

export interface UiSlice {
  readonly view: MainView;
  readonly dialog: DialogName;
  /** Column id → visible; absent means visible. */
  readonly columnVisibility: Readonly<Record<string, boolean>>;
  setView: (view: MainView) => void;
  openDialog: (dialog: DialogName) => void;
  setColumnVisible: (columnId: string, visible: boolean) => void;
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  view: 'entries',
  dialog: null,
  columnVisibility: {},
  setView: (view) => set({ view }),
  openDialog: (dialog) => set({ dialog }),
  setColumnVisible: (columnId, visible) =>
    set((s) => ({ columnVisibility: { ...s.columnVisibility, [columnId]: visible } })),
});
