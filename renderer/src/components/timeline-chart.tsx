import { useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { EntryTypeName, Timeline } from '../contract.js';
import { formatCount, formatLocalTime } from '../lib/format.js';

/** What the chart draws: the contract's Timeline (nothing restated here); its counts keyed by entry type, or by another series (a store's collections). */
export type TimelineData = Pick<Timeline, 'time_from' | 'time_to' | 'bucket_ms' | 'bucket_count' | 'damage' | 'max_total'> & {
  readonly counts: Readonly<Partial<Record<string, readonly number[]>>>;
};

export interface TimeRange {
  /** Inclusive bounds, ms since the epoch. */
  readonly from: number;
  readonly to: number;
}

interface TimelineChartProps {
  readonly timeline: TimelineData;
  /** Stacking order, bottom first: entry types, or the keys of another series (with seriesClass). */
  readonly types: readonly (EntryTypeName | string)[];
  /** A bar's class for its series key (default: the entry type's colour). */
  readonly seriesClass?: (key: string) => string;
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
  /** A click (no drag) at a time: the table goes there. */
  readonly onJump?: (time: number) => void;
  /** A click on a damage mark: the bucket's time range. */
  readonly onDamage?: (range: TimeRange) => void;
  /** The times of the rows the table shows, marked on the chart. */
  readonly visible?: TimeRange | null;
  /** Where each segment after the first begins (its first entry's time): a tick with its name. */
  readonly segmentMarks?: readonly SegmentMark[];
}

export interface SegmentMark {
  readonly time: number;
  readonly name: string;
}

const VIEW_WIDTH = 1000;
const DAMAGE_STRIP = 6;
/** Drags shorter than this many CSS pixels are clicks, not selections. */
const MIN_DRAG_PX = 4;

interface Drag {
  readonly startX: number;
  readonly currentX: number;
  /** It started on a damage mark (the pointer is captured by the chart from then on). */
  readonly onMark: boolean;
}

const typeClassOf = (type: string) => `type-${type.toLowerCase()}`;

function bucketAt(x: number, width: number, buckets: number): number {
  return Math.min(buckets, Math.max(0, (x / Math.max(1, width)) * buckets));
}

/**
 * Entry density over time as stacked bars (one colour per entry type), damaged buckets
 * marked in the trouble colour. Drag across it to select a time range; double-click resets.
 */
export function TimelineChart({ timeline, types, selection, onSelect, onReset, zoom, height = 88, onJump, onDamage, visible, segmentMarks, seriesClass = typeClassOf }: TimelineChartProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  /** The bucket under the pointer, for the read-out. */
  const [hover, setHover] = useState<number | null>(null);
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
    setDrag({ startX: x, currentX: x, onMark: (event.target as Element).classList?.contains('timeline-damage-mark') ?? false });
  };
  const onPointerMove = (event: ReactPointerEvent<SVGSVGElement>) => {
    const { x, width } = localX(event);
    setHover(buckets > 0 ? Math.min(buckets - 1, Math.floor(bucketAt(x, width, buckets))) : null);
    if (!drag) return;
    setDrag({ ...drag, currentX: x });
  };
  const onPointerUp = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (!drag || from === null) return;
    const { x, width } = localX(event);
    setDrag(null);
    if (Math.abs(x - drag.startX) < MIN_DRAG_PX) {
      // A click: on a damage mark, that damage; elsewhere, the table jumps to the time under it.
      const b = Math.min(buckets - 1, Math.floor(bucketAt(x, width, buckets)));
      if (drag.onMark && onDamage) onDamage({ from: from + b * bucketMs, to: from + (b + 1) * bucketMs - 1 });
      else onJump?.(Math.round(from + bucketAt(x, width, buckets) * bucketMs));
      return;
    }
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

  const visibleRect = (() => {
    if (!visible || from === null || buckets === 0) return null;
    const span = bucketMs * buckets;
    const x = ((visible.from - from) / span) * VIEW_WIDTH;
    const end = ((visible.to + 1 - from) / span) * VIEW_WIDTH;
    if (end < 0 || x > VIEW_WIDTH) return null;
    const lo = Math.max(0, x);
    return { x: lo, w: Math.max(2, Math.min(VIEW_WIDTH, end) - lo) };
  })();

  const ticks = (() => {
    if (!segmentMarks || from === null || buckets === 0) return [];
    const spanMs = bucketMs * buckets;
    return segmentMarks.flatMap((m) => {
      const x = ((m.time - from) / spanMs) * VIEW_WIDTH;
      // A zoomed view shows only the boundaries inside it.
      return x < 0 || x > VIEW_WIDTH ? [] : [{ x, name: m.name, time: m.time }];
    });
  })();

  const readout = (() => {
    if (hover === null || from === null || drag) return null;
    const parts = types.flatMap((t) => {
      const n = timeline.counts[t]?.[hover] ?? 0;
      return n > 0 ? [`${t} ${formatCount(n)}`] : [];
    });
    const total = types.reduce((sum, t) => sum + (timeline.counts[t]?.[hover] ?? 0), 0);
    const d = timeline.damage[hover] ?? 0;
    return `${formatLocalTime(from + hover * bucketMs)} → ${formatLocalTime(from + (hover + 1) * bucketMs - 1)}: ${formatCount(total)} ${total === 1 ? 'entry' : 'entries'}`
      + (parts.length > 0 ? ` (${parts.join(' · ')})` : '') + (d > 0 ? ` · ${formatCount(d)} damaged` : '');
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
        onPointerLeave={() => setHover(null)}
        onDoubleClick={onReset}
      >
        {damaged.map(({ b }) => (
          <rect key={`band-${b}`} className="timeline-damage-band" x={b * barWidth} y={0} width={Math.max(barWidth, 2)} height={height} />
        ))}
        {bars.map((bar) => (
          <rect key={bar.key} className={`timeline-bar ${seriesClass(bar.type)}`} x={bar.x} y={bar.y} width={Math.max(barWidth - 0.5, 0.5)} height={bar.h} />
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
        {ticks.map((t) => (
          <g key={`seg-${t.name}`} className="timeline-segment-mark" data-testid="timeline-segment-mark" data-segment={t.name}>
            <line x1={t.x} x2={t.x} y1={0} y2={height - DAMAGE_STRIP} vectorEffect="non-scaling-stroke" />
            <rect x={t.x - 2} y={0} width={4} height={5} />
            <title>{`${t.name} begins at ${formatLocalTime(t.time)}`}</title>
          </g>
        ))}
        {visibleRect && (
          <rect className="timeline-visible" data-testid="timeline-visible" x={visibleRect.x} y={0} width={visibleRect.w} height={height - DAMAGE_STRIP}>
            <title>The rows the table shows</title>
          </rect>
        )}
        {selectionRect && (
          <rect className="timeline-selection" data-testid="timeline-selection" x={selectionRect.x} y={0} width={selectionRect.w} height={height} />
        )}
      </svg>
      <div className="timeline-axis">
        <span>{formatLocalTime(from)}</span>
        {readout && !selection ? (
          <span className="timeline-readout" data-testid="timeline-readout">{readout}</span>
        ) : selection ? (
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
            {/* The selection stays said; what is under the pointer follows it. */}
            {readout && <span className="timeline-readout" data-testid="timeline-readout"> · {readout}</span>}
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
