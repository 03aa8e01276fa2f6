/** JavaScript's Date reaches ±8.64e15 ms; a u64 timestamp can lie far past it. */
const DATE_LIMIT_MS = 8_640_000_000_000_000n;

/**
 * A timestamp in ms as ISO text, or null when Date cannot represent it (the exact u64 stays
 * available as the row's decimal `timestamp`). Accepts the row store's rounded number too.
 */
export function isoTime(ms: bigint | number | null): string | null {
  if (ms === null) return null;
  if (typeof ms === 'number') {
    if (!Number.isFinite(ms) || Math.abs(ms) > Number(DATE_LIMIT_MS)) return null;
    return new Date(Math.trunc(ms)).toISOString();
  }
  if (ms > DATE_LIMIT_MS || ms < -DATE_LIMIT_MS) return null;
  return new Date(Number(ms)).toISOString();
}
