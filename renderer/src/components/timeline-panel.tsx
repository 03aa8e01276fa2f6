import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ENTRY_TYPE_NAMES } from '../contract.js';
import { useAppStore } from '../store/app-store.js';
import { selectTimeSelection } from '../store/selectors.js';
import { ErrorMessage } from './error-message.js';
import { TimelineChart, type TimeRange } from './timeline-chart.js';

/** The timeline across the top, wired to the store: its selection is the time filter. */
export function TimelinePanel() {
  const timeline = useAppStore((s) => s.timeline);
  const error = useAppStore((s) => s.timelineError);
  const selection = useAppStore(useShallow(selectTimeSelection));
  const setTimeRange = useAppStore((s) => s.setTimeRange);
  const zoomed = useAppStore((s) => s.timelineZoom !== null);
  const zoomTimeline = useAppStore((s) => s.zoomTimeline);
  const onSelect = useCallback((range: TimeRange) => setTimeRange(range), [setTimeRange]);
  const onReset = useCallback(() => setTimeRange(null), [setTimeRange]);
  const onZoomIn = useCallback(() => selection && zoomTimeline(selection), [selection, zoomTimeline]);
  const onZoomOut = useCallback(() => zoomTimeline(null), [zoomTimeline]);
  if (error) return <ErrorMessage title="The timeline could not be drawn" error={error} />;
  if (!timeline) return <div className="timeline-placeholder muted">Timeline: waiting for the index…</div>;
  return (
    <div className="timeline-panel">
      <ul className="timeline-legend" aria-label="Entry types">
        {ENTRY_TYPE_NAMES.map((type) => (
          <li key={type} className={`chip type-${type.toLowerCase()}`}>
            {type}
          </li>
        ))}
        <li className="chip type-damage">damage</li>
      </ul>
      <TimelineChart
        timeline={timeline} types={ENTRY_TYPE_NAMES} selection={selection} onSelect={onSelect} onReset={onReset}
        zoom={{ zoomed, onZoomIn, onZoomOut }}
      />
    </div>
  );
}
