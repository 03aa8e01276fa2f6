/**
 * Layout the user chose (the detail pane's width, column widths), kept in localStorage so it
 * survives a reload and a new window. Anything unreadable falls back to the default: a stored
 * value never breaks the layout.
 */
const PREFIX = 'wal-inspector.layout.';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled (privacy settings): nothing is remembered
  }
}

export function readStoredNumber(key: string, fallback: number): number {
  const value = Number(storage()?.getItem(PREFIX + key) ?? Number.NaN);
  return Number.isFinite(value) ? value : fallback;
}

export function writeStoredNumber(key: string, value: number): void {
  try {
    storage()?.setItem(PREFIX + key, String(Math.round(value)));
  } catch {
    // Quota or a disabled storage: the layout still works, it is only not remembered.
  }
}

export function readStoredSizes(key: string): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(PREFIX + key) ?? '{}');
    if (!parsed || typeof parsed !== 'object') return {};
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'number' && Number.isFinite(v) && v > 0) out[k] = v;
    return out;
  } catch {
    return {};
  }
}

export function writeStoredSizes(key: string, sizes: Readonly<Record<string, number>>): void {
  try {
    storage()?.setItem(PREFIX + key, JSON.stringify(sizes));
  } catch {
    // as above
  }
}
