import type { InspectorError, Timeline } from '../../contract.js';
import { inspectorApi } from '../api-ref.js';
import type { SliceCreator } from '../app-state.js';
import { timelineFilter } from './query-slice.js';

export const TIMELINE_BUCKETS = 240;

/** Inclusive bounds, ms since the epoch. */
export interface TimelineZoom {
  readonly from: number;
  readonly to: number;
}

export interface TimelineSlice {
  readonly timeline: Timeline | null;
  readonly timelineError: InspectorError | null;
  /** The time range the timeline spreads over its buckets; null = the whole log. */
  readonly timelineZoom: TimelineZoom | null;
  loadTimeline: () => Promise<void>;
  zoomTimeline: (range: TimelineZoom | null) => void;
}

export const initialTimelineState = { timeline: null, timelineError: null, timelineZoom: null };

let timelineToken = 0;

export const createTimelineSlice: SliceCreator<TimelineSlice> = (set, get) => ({
  ...initialTimelineState,
  loadTimeline: async () => {
    const session = get().session;
    if (!session) return;
    const token = ++timelineToken;
    const zoom = get().timelineZoom;
    const outcome = await inspectorApi().timeline.get({
      session_id: session.session_id,
      bucket_count: TIMELINE_BUCKETS,
      // timeline.get's end is exclusive; the zoom's is inclusive.
      ...(zoom ? { time_from: zoom.from, time_to: zoom.to + 1 } : {}),
      filter: timelineFilter(get().filter),
    });
    if (token !== timelineToken || get().session?.session_id !== session.session_id) return;
    if (outcome.ok) set({ timeline: outcome.value, timelineError: null });
    else set({ timelineError: outcome.error });
  },
  zoomTimeline: (range) => {
    set({ timelineZoom: range });
    void get().loadTimeline();
  },
});
