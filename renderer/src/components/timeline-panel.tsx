import { useCallback, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ENTRY_TYPE_NAMES, type EntryTypeName } from '../contract.js';
import { useAppStore } from '../store/app-store.js';
import { selectTimeSelection } from '../store/selectors.js';
import { formatLocalTime } from '../lib/format.js';
import { ErrorMessage } from './error-message.js';
import { RestoreToHere } from './restore-to-here.js';
import { jumpToDamageIn, jumpToTime, selectVisibleTimes } from './timeline-jump.js';
import { TimelineChart, type TimeRange } from './timeline-chart.js';
import { useSegmentMarks } from './segment-marks.js';
import { TimelineStackControls, useCollectionStack } from './timeline-collection-stack.js';

/** The timeline across the top, wired to the store: its selection is the time filter. */
export function TimelinePanel() {
  const timeline = useAppStore((s) => s.timeline);
  const error = useAppStore((s) => s.timelineError);
  const selection = useAppStore(useShallow(selectTimeSelection));
  const setTimeRange = useAppStore((s) => s.setTimeRange);
  const zoomed = useAppStore((s) => s.timelineZoom !== null);
  const zoomTimeline = useAppStore((s) => s.zoomTimeline);
  const onSelect = useCallback((range: TimeRange) => setTimeRange(range), [setTimeRange]);
  // Double-click: selection and zoom go together.
  const onReset = useCallback(() => {
    setTimeRange(null);
    if (useAppStore.getState().timelineZoom !== null) zoomTimeline(null);
  }, [setTimeRange, zoomTimeline]);
  const onZoomIn = useCallback(() => selection && zoomTimeline(selection), [selection, zoomTimeline]);
  const onZoomOut = useCallback(() => zoomTimeline(null), [zoomTimeline]);
  // The point clicked last: "restore to here" offers to put the store back to that time.
  const [point, setPoint] = useState<number | null>(null);
  const onJump = useCallback((time: number) => {
    setPoint(Math.floor(time));
    void jumpToTime(time);
  }, []);
  const onDamage = useCallback((range: TimeRange) => void jumpToDamageIn(range), []);
  const types = useAppStore((s) => s.filter.types);
  const shown = types ?? ENTRY_TYPE_NAMES;
  const setFilter = useAppStore((s) => s.setFilter);
  const toggleType = (type: EntryTypeName) => {
    const next = shown.includes(type) ? shown.filter((t) => t !== type) : ENTRY_TYPE_NAMES.filter((t) => t === type || shown.includes(t));
    setFilter({ types: next.length === ENTRY_TYPE_NAMES.length ? undefined : next });
  };
  const visible = useAppStore(useShallow(selectVisibleTimes));
  const segmentMarks = useSegmentMarks();
  const stacked = useCollectionStack(timeline);
  if (error) return <ErrorMessage title="The timeline could not be drawn" error={error} />;
  if (!timeline) return <div className="timeline-placeholder muted">Timeline: waiting for the index…</div>;
  return (
    <div className="timeline-panel">
      <ul className="timeline-legend" aria-label="Entry types">
        {ENTRY_TYPE_NAMES.map((type) => (
          <li key={type}>
            <button type="button" className={`chip type-${type.toLowerCase()}${shown.includes(type) ? '' : ' off'}`} aria-pressed={shown.includes(type)}
              title={`Show or hide ${type} entries`} onClick={() => toggleType(type)}>
              {type}
            </button>
          </li>
        ))}
        <li className="chip type-damage">damage</li>
      </ul>
      <TimelineStackControls stacked={stacked} />
      <TimelineChart
        timeline={stacked?.timeline ?? timeline} types={stacked?.keys ?? ENTRY_TYPE_NAMES} {...(stacked ? { seriesClass: stacked.seriesClass } : {})} selection={selection} onSelect={onSelect} onReset={onReset}
        zoom={{ zoomed, onZoomIn, onZoomOut }} onJump={onJump} onDamage={onDamage} visible={visible}
        segmentMarks={segmentMarks}
      />
      {/* Below the chart: a click that shows it must not move the chart under the pointer (a double-click's second click). */}
      {point !== null && <RestoreToHere until={String(point)} label={formatLocalTime(point)} />}
    </div>
  );
}
