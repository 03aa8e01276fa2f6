/** Display helpers: numbers, sizes, times, ids and offsets as a person reads them. */

const countFormat = new Intl.NumberFormat('en-US');

export function formatCount(value: number | bigint): string {
  return countFormat.format(value);
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

function toDate(ms: number): Date | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** A millisecond count that is no date: its exact text when known, else marked as approximate past 2^53. */
function rawMillis(ms: number, exact?: string): string {
  if (exact) return `${exact} ms`;
  return `${ms > Number.MAX_SAFE_INTEGER ? '≈ ' : ''}${BigInt(Math.round(ms)).toString()} ms`;
}

/**
 * Local time with milliseconds, e.g. 2024-03-05 14:02:11.042. Timestamps are u64: past the
 * date range they are shown as milliseconds, exactly when `exact` (the decimal text) is given.
 */
export function formatLocalTime(ms: number | null | undefined, exact?: string): string {
  if (ms == null) return '—';
  const d = toDate(ms);
  if (!d) return rawMillis(ms, exact);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function formatIsoTime(ms: number | null | undefined, exact?: string): string {
  if (ms == null) return '';
  const d = toDate(ms);
  return d ? d.toISOString() : `${rawMillis(ms, exact)} since the epoch (outside the date range)`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = s / 60;
  if (m < 60) return `${m.toFixed(1)} min`;
  const h = m / 60;
  if (h < 48) return `${h.toFixed(1)} h`;
  return `${(h / 24).toFixed(1)} days`;
}

/** First and last characters of a long id, e.g. "ck9x3…7hq2". */
export function shortenId(id: string, keep = 6): string {
  if (id.length <= keep * 2 + 1) return id;
  return `${id.slice(0, keep)}…${id.slice(-4)}`;
}

export function formatOffset(offset: number): string {
  return `0x${offset.toString(16).padStart(6, '0')}`;
}

export function formatHexByte(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

export function formatPercent(done: number, total: number): string {
  if (total <= 0) return '0%';
  return `${Math.min(100, Math.floor((done / total) * 100))}%`;
}
