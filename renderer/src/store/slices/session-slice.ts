import type { IndexProgress, InspectorError, SessionInfo } from '../../contract.js';
import { defaultSortFor } from '../../lib/view-url.js';
import { inspectorApi } from '../api-ref.js';
import type { SliceCreator } from '../app-state.js';
import { initialCheckpointState } from './checkpoint-slice.js';
import { initialExportState } from './export-slice.js';
import { initialQueryState } from './query-slice.js';
import { initialRecoveryState } from './recovery-slice.js';
import { initialRowsState } from './rows-slice.js';
import { initialSelectionState } from './selection-slice.js';
import { initialStatsState } from './stats-slice.js';
import { initialTimelineState } from './timeline-slice.js';
import { initialTransactionsState } from './transactions-slice.js';
import { initialVerifyState } from './verify-slice.js';
import { initialStoreSessionState } from './store-session-slice.js';

export interface SessionSlice {
  readonly session: SessionInfo | null;
  readonly opening: string | null;
  /** The last open failure, shown on the start screen (CHOOSE_COLLECTION offers a choice). */
  readonly openError: { readonly path: string; readonly error: InspectorError } | null;
  /** ms the last index took, once done. */
  readonly indexMs: number | null;
  openPath: (path: string, collection?: string) => Promise<void>;
  closeSession: () => Promise<void>;
  /** The service said the session is gone (closed elsewhere, server restarted). */
  forgetSession: (reason: string | null) => void;
  applyIndexProgress: (progress: IndexProgress, done: boolean, ms?: number) => void;
  refreshSessionInfo: () => Promise<void>;
  setFollow: (enabled: boolean) => Promise<void>;
  /** Everything that belongs to one open log goes back to its initial value. */
  resetForSession: () => void;
}

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get) => ({
  session: null,
  opening: null,
  openError: null,
  indexMs: null,
  openPath: async (path, collection) => {
    const trimmed = path.trim();
    if (!trimmed) return;
    set({ opening: trimmed, openError: null });
    const outcome = await inspectorApi().session.open(collection ? { path: trimmed, collection } : { path: trimmed });
    if (!outcome.ok) {
      set({ opening: null, openError: { path: trimmed, error: outcome.error } });
      return;
    }
    const previous = get().session;
    if (previous) void inspectorApi().session.close({ session_id: previous.session_id });
    get().resetForSession();
    set({
      session: outcome.value, opening: null, openError: null, indexMs: null, view: 'entries',
      sort: defaultSortFor(outcome.value),
    });
    void get().loadRecent();
    get().reloadRows();
    void get().loadTimeline();
  },
  closeSession: async () => {
    const session = get().session;
    if (!session) return;
    get().resetForSession();
    set({ session: null, indexMs: null });
    const outcome = await inspectorApi().session.close({ session_id: session.session_id });
    if (!outcome.ok && outcome.error.code !== 'UNKNOWN_SESSION') get().pushError('Closing the log', outcome.error);
    void get().loadRecent();
  },
  forgetSession: (reason) => {
    const session = get().session;
    if (!session) return;
    get().resetForSession();
    set({ session: null, indexMs: null });
    if (reason) get().pushError('The log was closed', { code: 'UNKNOWN_SESSION', message: reason, context: {} });
  },
  applyIndexProgress: (progress, done, ms) => {
    const session = get().session;
    if (!session) return;
    set({ session: { ...session, progress }, ...(done ? { indexMs: ms ?? null } : {}) });
  },
  refreshSessionInfo: async () => {
    const session = get().session;
    if (!session) return;
    const outcome = await inspectorApi().session.info({ session_id: session.session_id });
    if (outcome.ok && get().session?.session_id === session.session_id) set({ session: outcome.value });
  },
  resetForSession: () =>
    set((s) => ({
      ...initialQueryState,
      ...initialRowsState,
      rowsQuery: s.rowsQuery + 1,
      ...initialSelectionState,
      ...initialTimelineState,
      ...initialStatsState,
      ...initialTransactionsState,
      ...initialVerifyState,
      ...initialStoreSessionState,
      ...initialRecoveryState,
      ...initialCheckpointState,
      ...initialExportState,
      dialog: null,
    })),
  setFollow: async (enabled) => {
    const session = get().session;
    if (!session) return;
    const outcome = await inspectorApi().follow.set({ session_id: session.session_id, enabled });
    if (!outcome.ok) {
      get().pushError(enabled ? 'Following the log' : 'Stopping follow', outcome.error);
      return;
    }
    const current = get().session;
    if (current) set({ session: { ...current, following: outcome.value.following } });
  },
});
