import type { DamageItem } from '../contract.js';

export interface DamageSummary {
  /** Distinct incidents among the items (touching ranges are one). */
  readonly incidents: number;
  /** Entries the items probably held (their estimates summed). */
  readonly entries: number;
  /** Some estimate is not exact (boundaries or mean size). */
  readonly approximate: boolean;
  /** The items are the first of more. */
  readonly partial: boolean;
}

/** What the damaged ranges cost in all, from damage.list's items (the first `items.length` of `total`). */
export function summarizeDamage(items: readonly DamageItem[], total: number): DamageSummary {
  const incidents = new Set<number>();
  let entries = 0;
  let approximate = false;
  for (const d of items) {
    if (!d.impact) continue;
    incidents.add(d.impact.incident.index);
    entries += d.impact.estimate?.entries ?? 0;
    if (d.impact.estimate?.method !== 'exact') approximate = true;
  }
  return { incidents: incidents.size, entries, approximate, partial: items.length < total };
}

/** "1 incident, about 2 entries lost" */
export function describeSummary(s: DamageSummary): string {
  const more = s.partial ? '+' : '';
  const incidents = `${s.incidents}${more} incident${s.incidents === 1 && !more ? '' : 's'}`;
  const entries = `${s.approximate ? 'about ' : ''}${s.entries}${more} entr${s.entries === 1 && !more ? 'y' : 'ies'} lost`;
  return `${incidents}, ${entries}`;
}
