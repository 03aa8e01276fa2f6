import type { DamageKind } from '../records.js';
import type { DamageAnalysis, DamageEstimate, DamageImpact, DamageIncident, NeighbourEntry } from './damage-types.js';

export interface ImpactInput {
  readonly kind: DamageKind;
  /** The range's offset in its segment. */
  readonly offset: number;
  readonly length: number;
  readonly analysis: DamageAnalysis;
  readonly before: NeighbourEntry | null;
  readonly after: NeighbourEntry | null;
  readonly incident: DamageIncident;
}

/** The entries a range probably held (see DamageEstimate). */
export function estimateEntries(i: Omit<ImpactInput, 'incident'>): DamageEstimate | null {
  const { kind, length, analysis } = i;
  if (kind === 'corrupt-compression') return null;
  if (kind === 'invalid-json-line') return { entries: 1, method: 'exact' }; // a line is one entry
  // One flipped bit explains it: the repair rebuilds one entry, counted where that entry starts.
  if (analysis.cause.kind === 'single-bit') return { entries: analysis.cause.entry && analysis.cause.entry.offset !== i.offset ? 0 : 1, method: 'exact' };
  if (analysis.unverified && !analysis.unverified.partial && kind === 'crc-mismatch') return { entries: 1, method: 'exact' };
  // The range begins where an entry ended (or at the file's start): its first byte began one.
  if (analysis.boundaries > 0 || analysis.header_at_start) return { entries: analysis.boundaries + 1, method: 'boundaries' };
  const sizes = [i.before?.length, i.after?.length].filter((n): n is number => n !== undefined);
  if (sizes.length === 0) return { entries: 1, method: 'mean-size' };
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  return { entries: Math.max(1, Math.round(length / mean)), method: 'mean-size' };
}

function gap(before: NeighbourEntry | null, after: NeighbourEntry | null): string | null {
  if (!before || !after) return null;
  const d = BigInt(after.timestamp) - BigInt(before.timestamp);
  return d < 0n ? null : d.toString();
}

export function buildImpact(i: ImpactInput): DamageImpact {
  return {
    before: i.before, after: i.after, gap_ms: gap(i.before, i.after), estimate: estimateEntries(i),
    cause: i.analysis.cause, unverified: i.analysis.unverified, incident: i.incident,
  };
}

