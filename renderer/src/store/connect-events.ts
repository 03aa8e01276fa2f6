import type { InspectorApi, InspectorEvent } from '../contract.js';
import { useAppStore } from './app-store.js';

/** While indexing runs, rows and the timeline are refreshed at most this often. */
const REFRESH_MS = 700;

/**
 * Routes the service's events into the store: indexing progress, follow, job progress,
 * paths the Electron shell asks to open, sessions closed elsewhere. Returns the unsubscribe.
 */
export function connectEvents(api: InspectorApi): () => void {
  let lastRefresh = 0;
  let pending: ReturnType<typeof setTimeout> | null = null;

  const refreshData = (immediate: boolean) => {
    const run = () => {
      pending = null;
      lastRefresh = Date.now();
      const state = useAppStore.getState();
      state.reloadRows();
      void state.loadTimeline();
      // The time span and segment sizes grow with the index.
      void state.refreshSessionInfo();
    };
    if (pending) clearTimeout(pending);
    const wait = immediate ? 0 : Math.max(0, REFRESH_MS - (Date.now() - lastRefresh));
    pending = setTimeout(run, wait);
  };

  const onEvent = (event: InspectorEvent) => {
    const state = useAppStore.getState();
    switch (event.type) {
      case 'index.progress':
        if (event.session_id !== state.session?.session_id) return;
        state.applyIndexProgress(event.progress, false);
        refreshData(false);
        return;
      case 'index.done':
        if (event.session_id !== state.session?.session_id) return;
        state.applyIndexProgress(event.progress, true, event.ms);
        if (event.progress.error) state.pushError('Indexing stopped', event.progress.error);
        void state.refreshSessionInfo();
        refreshData(true);
        return;
      case 'follow.rows':
        if (event.session_id !== state.session?.session_id) return;
        void state.refreshSessionInfo();
        refreshData(false);
        return;
      case 'log.grown':
        // A writer appended: the header's size (and, with Follow on, its counts) catch up.
        if (event.session_id === state.session?.session_id) void state.refreshSessionInfo();
        return;
      case 'job.progress':
        state.applyJobProgress(event.progress);
        return;
      case 'app.open-path':
        void state.openPath(event.path);
        return;
      case 'session.closed':
        if (event.session_id === state.session?.session_id) state.forgetSession('The log was closed by the service (another window, or the server restarted).');
        return;
    }
  };
  const off = api.onEvent(onEvent);
  return () => {
    off();
    if (pending) clearTimeout(pending);
  };
}
