/**
 * Timestamps as Sentinel writes them: RFC 3339, UTC, nanoseconds
 * (`2025-11-19T09:19:46.275205324Z`). The wall clock gives milliseconds; the monotonic
 * clock, anchored to it once, gives the digits below.
 */
const anchorNs = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();

/** Nanoseconds since the Unix epoch, now. */
export function nowNanos(): bigint {
  return anchorNs + process.hrtime.bigint();
}

/** `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` for nanoseconds since the epoch. */
export function formatRfc3339Nanos(ns: bigint): string {
  const ms = ns / 1_000_000n;
  const iso = new Date(Number(ms)).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0');
  return `${iso.slice(0, 19)}.${frac}Z`;
}

/** A clock the store asks for `created_at` / `updated_at`; tests pass a fixed one. */
export type Clock = () => string;

export const systemClock: Clock = () => formatRfc3339Nanos(nowNanos());
