import { useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { EntryTypeName, Timeline } from '../contract.js';
import { formatCount, formatLocalTime } from '../lib/format.js';

/** What the chart draws: the contract's Timeline (nothing restated here). */
export type TimelineData = Pick<Timeline, 'time_from' | 'time_to' | 'bucket_ms' | 'bucket_count' | 'counts' | 'damage' | 'max_total'>;

export interface TimeRange {
  /** Inclusive bounds, ms since the epoch. */
  readonly from: number;
  readonly to: number;
}

interface TimelineChartProps {
  readonly timeline: TimelineData;
  /** Stacking order, bottom first. */
  readonly types: readonly EntryTypeName[];
  readonly selection: TimeRange | null;
  readonly onSelect: (range: TimeRange) => void;
  readonly onReset: () => void;
  /** Zooming the chart into the selection and back out (absent: no zoom controls). */
  readonly zoom?: {
    /** The chart shows a part of the log, not all of it. */
    readonly zoomed: boolean;
    readonly onZoomIn: () => void;
    readonly onZoomOut: () => void;
  };
  readonly height?: number;
}

const VIEW_WIDTH = 1000;
const DAMAGE_STRIP = 6;
/** Drags shorter than this many CSS pixels are clicks, not selections. */
const MIN_DRAG_PX = 4;

interface Drag {
  readonly startX: number;
  readonly currentX: number;
}

function bucketAt(x: number, width: number, buckets: number): number {
  return Math.min(buckets, Math.max(0, (x / Math.max(1, width)) * buckets));
}

/**
 * Entry density over time as stacked bars (one colour per entry type), damaged buckets
 * marked in the trouble colour. Drag across it to select a time range; double-click resets.
 */
export function TimelineChart({ timeline, types, selection, onSelect, onReset, zoom, height = 88 }: TimelineChartProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const { bucket_count: buckets, time_from: from, bucket_ms: bucketMs } = timeline;
  const barWidth = VIEW_WIDTH / Math.max(1, buckets);
  const plotHeight = height - DAMAGE_STRIP - 2;

  const bars = useMemo(() => {
    const out: Array<{ key: string; x: number; y: number; h: number; type: string }> = [];
    const max = Math.max(1, timeline.max_total);
    for (let b = 0; b < buckets; b++) {
      let y = plotHeight;
      for (const type of types) {
        const n = timeline.counts[type]?.[b] ?? 0;
        if (n === 0) continue;
        // At least one pixel, so a lone entry in a busy log is still visible.
        const h = Math.max(1, (n / max) * plotHeight);
        y -= h;
        out.push({ key: `${b}-${type}`, x: b * barWidth, y, h, type });
      }
    }
    return out;
  }, [timeline, types, buckets, barWidth, plotHeight]);

  const damaged = useMemo(
    () => timeline.damage.flatMap((n, b) => (n > 0 ? [{ b, n }] : [])),
    [timeline.damage],
  );

  const localX = (event: ReactPointerEvent): { x: number; width: number } => {
    const rect = svgRef.current?.getBoundingClientRect();
    const width = rect?.width ?? 0;
    return { x: Math.min(width, Math.max(0, event.clientX - (rect?.left ?? 0))), width };
  };

  const onPointerDown = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (event.button !== 0 || from === null) return;
    const { x } = localX(event);
    event.currentTarget.setPointerCapture?.(event.pointerId);
    setDrag({ startX: x, currentX: x });
  };
  const onPointerMove = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (!drag) return;
    setDrag({ ...drag, currentX: localX(event).x });
  };
  const onPointerUp = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (!drag || from === null) return;
    const { x, width } = localX(event);
    setDrag(null);
    if (Math.abs(x - drag.startX) < MIN_DRAG_PX) return;
    const lo = Math.floor(bucketAt(Math.min(x, drag.startX), width, buckets));
    const hi = Math.ceil(bucketAt(Math.max(x, drag.startX), width, buckets));
    onSelect({ from: from + lo * bucketMs, to: from + Math.max(hi, lo + 1) * bucketMs - 1 });
  };

  const selectionRect = (() => {
    if (drag) {
      const width = svgRef.current?.getBoundingClientRect().width || VIEW_WIDTH;
      const scale = VIEW_WIDTH / width;
      return { x: Math.min(drag.startX, drag.currentX) * scale, w: Math.abs(drag.currentX - drag.startX) * scale };
    }
    if (selection && from !== null && buckets > 0) {
      const span = bucketMs * buckets;
      const x = Math.max(0, ((selection.from - from) / span) * VIEW_WIDTH);
      const end = Math.min(VIEW_WIDTH, ((selection.to + 1 - from) / span) * VIEW_WIDTH);
      // A selection wholly outside a zoomed view is not drawn.
      return end <= 0 || x >= VIEW_WIDTH ? null : { x, w: Math.max(1, end - x) };
    }
    return null;
  })();

  const totalDamage = damaged.reduce((sum, d) => sum + d.n, 0);
  const description =
    from === null
      ? 'No timed entries'
      : `Entries from ${formatLocalTime(from)} to ${formatLocalTime(timeline.time_to)}` +
        (totalDamage > 0 ? `, ${formatCount(totalDamage)} damaged range${totalDamage === 1 ? '' : 's'} marked` : '');

  return (
    <div className="timeline-chart">
      <svg
        ref={svgRef}
        className="timeline-svg"
        role="img"
        aria-label={`Timeline. ${description}. Drag to select a time range, double-click to reset.`}
        viewBox={`0 0 ${VIEW_WIDTH} ${height}`}
        preserveAspectRatio="none"
        height={height}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDrag(null)}
        onDoubleClick={onReset}
      >
        {damaged.map(({ b }) => (
          <rect key={`band-${b}`} className="timeline-damage-band" x={b * barWidth} y={0} width={Math.max(barWidth, 2)} height={height} />
        ))}
        {bars.map((bar) => (
          <rect key={bar.key} className={`timeline-bar type-${bar.type.toLowerCase()}`} x={bar.x} y={bar.y} width={Math.max(barWidth - 0.5, 0.5)} height={bar.h} />
        ))}
        {damaged.map(({ b, n }) => (
          <rect
            key={`mark-${b}`}
            className="timeline-damage-mark"
            data-testid="timeline-damage"
            x={b * barWidth}
            y={height - DAMAGE_STRIP}
            width={Math.max(barWidth, 3)}
            height={DAMAGE_STRIP}
          >
            <title>{`${n} damaged range${n === 1 ? '' : 's'}`}</title>
          </rect>
        ))}
        {selectionRect && (
          <rect className="timeline-selection" data-testid="timeline-selection" x={selectionRect.x} y={0} width={selectionRect.w} height={height} />
        )}
      </svg>
      <div className="timeline-axis">
        <span>{formatLocalTime(from)}</span>
        {selection ? (
          <span className="timeline-selected" aria-live="polite">
            Selected {formatLocalTime(selection.from)} → {formatLocalTime(selection.to)}{' '}
            {zoom && (
              <button type="button" className="link-button" onClick={zoom.onZoomIn}>
                Zoom in
              </button>
            )}{' '}
            <button type="button" className="link-button" onClick={onReset}>
              Reset
            </button>
          </span>
        ) : (
          <span className="muted">Drag to select a time range · double-click to reset</span>
        )}
        {zoom?.zoomed && (
          <button type="button" className="link-button" onClick={zoom.onZoomOut}>
            Whole log
          </button>
        )}
        <span>{formatLocalTime(timeline.time_to === null ? null : timeline.time_to - 1)}</span>
      </div>
    </div>
  );
}
