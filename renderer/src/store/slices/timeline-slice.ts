import type { InspectorError, Timeline } from '../../contract.js';
import { inspectorApi } from '../api-ref.js';
import type { SliceCreator } from '../app-state.js';
import { timelineFilter } from './query-slice.js';

export const TIMELINE_BUCKETS = 240;

export interface TimelineSlice {
  readonly timeline: Timeline | null;
  readonly timelineError: InspectorError | null;
  loadTimeline: () => Promise<void>;
}

export const initialTimelineState = { timeline: null, timelineError: null };

let timelineToken = 0;

export const createTimelineSlice: SliceCreator<TimelineSlice> = (set, get) => ({
  ...initialTimelineState,
  loadTimeline: async () => {
    const session = get().session;
    if (!session) return;
    const token = ++timelineToken;
    const outcome = await inspectorApi().timeline.get({
      session_id: session.session_id,
      bucket_count: TIMELINE_BUCKETS,
      filter: timelineFilter(get().filter),
    });
    if (token !== timelineToken || get().session?.session_id !== session.session_id) return;
    if (outcome.ok) set({ timeline: outcome.value, timelineError: null });
    else set({ timelineError: outcome.error });
  },
});
