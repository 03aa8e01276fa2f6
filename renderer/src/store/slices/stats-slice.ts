import type { InspectorError, Stats } from '../../contract.js';
import { inspectorApi } from '../api-ref.js';
import type { SliceCreator } from '../app-state.js';

export interface StatsSlice {
  /** stats.get of the open log, as `stats --json` prints it; null until asked for. */
  readonly stats: Stats | null;
  readonly statsError: InspectorError | null;
  /** What the stats shown were counted over (session, rows, complete): a new load only when it moved. */
  readonly statsKey: string | null;
  loadStats: () => Promise<void>;
}

export const initialStatsState = { stats: null, statsError: null, statsKey: null };

let statsToken = 0;

/** The key of the log's current state: stats counted over it stay true until rows arrive. */
export function statsKeyOf(session: { readonly session_id: string; readonly progress: { readonly rows: number; readonly complete: boolean } }): string {
  return `${session.session_id}:${session.progress.rows}:${session.progress.complete}`;
}

export const createStatsSlice: SliceCreator<StatsSlice> = (set, get) => ({
  ...initialStatsState,
  loadStats: async () => {
    const session = get().session;
    if (!session) return;
    const key = statsKeyOf(session);
    if (get().statsKey === key) return;
    set({ statsKey: key });
    const token = ++statsToken;
    const outcome = await inspectorApi().stats.get({ session_id: session.session_id });
    if (token !== statsToken || get().session?.session_id !== session.session_id) return;
    if (outcome.ok) set({ stats: outcome.value, statsError: null });
    else set({ statsError: outcome.error, statsKey: null });
  },
});
