import { formatLocalTime } from './format.js';

/** A u64 ms as Stats carries it (decimal text): local time, exactly when past the date range. */
export function formatStatsTime(ms: string | null): string {
  if (ms === null) return '—';
  return formatLocalTime(Number(ms), ms);
}

/** A u64 ms text as a number (the timeline's scale), null when absent. */
export function statsTimeMs(ms: string | null): number | null {
  return ms === null ? null : Number(ms);
}
