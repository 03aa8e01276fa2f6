import { useEffect, useMemo } from 'react';
import { statsTimeMs } from '../lib/stats-time.js';
import { useAppStore } from '../store/app-store.js';
import type { SegmentMark } from './timeline-chart.js';

/**
 * Where each segment after the first begins (its first entry's time), for the timeline's ticks:
 * from stats.get, counted once the chain is indexed and again when rows arrive.
 */
export function useSegmentMarks(): readonly SegmentMark[] {
  const chained = useAppStore((s) => (s.session?.segments.length ?? 0) > 1 && (s.session?.progress.complete ?? false));
  const rows = useAppStore((s) => s.session?.progress.rows ?? 0);
  const loadStats = useAppStore((s) => s.loadStats);
  useEffect(() => {
    if (chained) void loadStats();
  }, [chained, rows, loadStats]);
  const segments = useAppStore((s) => s.stats?.segments);
  return useMemo(
    () => (segments ?? []).slice(1).flatMap((g) => {
      const time = statsTimeMs(g.first_time);
      return time === null ? [] : [{ time, name: g.name }];
    }),
    [segments],
  );
}
