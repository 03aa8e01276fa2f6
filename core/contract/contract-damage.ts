import type { EntryTypeName } from './contract-types.js';

// The impact of a damaged range: what it cost, why it probably happened, what it touches.
// DamageItem, EntryDetail, Row and DumpDamageRecord carry it as `impact`.


/**
 * What the bytes of a damaged range suggest happened to it (core/wal/damage/ works it out).
 * Plain data, so it crosses a worker's postMessage and every front end as is.
 */
export type DamageCauseKind =
  | 'single-bit'
  | 'zeroed-run'
  | 'ff-run'
  | 'torn-tail'
  | 'overwritten'
  | 'bad-length'
  | 'bad-field'
  | 'crc-zero'
  | 'altered'
  | 'foreign-bytes'
  | 'invalid-line'
  | 'compression';

export interface DamageCause {
  readonly kind: DamageCauseKind;
  /** One sentence for a person. */
  readonly text: string;
  /** zeroed-run / ff-run: the run, relative to the range's first byte. */
  readonly run?: { readonly offset: number; readonly length: number };
  /** single-bit: the flipped bit's offset in the range (byte * 8 + bit, bit 0 the least significant). */
  readonly bit?: number;
  /** single-bit: the entry field the bit lies in (the repair locator's RepairField). */
  readonly field?: string;
  /**
   * single-bit, when the entry the repair rebuilds spans several touching ranges (a flipped
   * length varint cut it in two): that entry, by its offset in the segment and its length.
   */
  readonly entry?: { readonly offset: number; readonly length: number };
}

/**
 * Fields read from damaged bytes. Nothing vouches for them (the CRC does not hold, or the
 * entry is incomplete): they say what was probably there.
 */
export interface UnverifiedFields {
  readonly entry_type: EntryTypeName;
  readonly transaction_id: string;
  readonly collection: string;
  readonly document_id: string;
  /** u64 ms as a decimal string. */
  readonly timestamp: string;
  /** The data text (lossy UTF-8), or null: no data, or not all of it is in the range. */
  readonly data: string | null;
  /** Bytes of data the entry claims (null: no data). */
  readonly data_length: number | null;
  /** true when only the fields up to the timestamp decoded (torn, overwritten, a bad length). */
  readonly partial: boolean;
}

/** What the bytes of one range tell by themselves (the neighbours come later, see damage-impact.ts). */
export interface DamageAnalysis {
  readonly cause: DamageCause;
  /** Positions inside the range (not its first byte) where an entry's header decodes. */
  readonly boundaries: number;
  /** Whether an entry's header decodes at the range's first byte. */
  readonly header_at_start: boolean;
  readonly unverified: UnverifiedFields | null;
}

/** An intact entry next to a damaged range (the last before it, the first after it). */
export interface NeighbourEntry {
  readonly segment: string;
  readonly offset: number;
  readonly length: number;
  readonly entry_type: EntryTypeName;
  /** u64 ms as a decimal string. */
  readonly timestamp: string;
}

/**
 * How many entries a range probably held: `exact` where its fields decode (one entry),
 * `boundaries` from entry headers found inside it, `mean-size` from its length over the mean
 * size of the entries beside it. A range a single-bit repair explains is `exact`: 1 where the
 * rebuilt entry starts, 0 for a later part of that entry (it held none of its own).
 */
export interface DamageEstimate {
  readonly entries: number;
  readonly method: 'exact' | 'boundaries' | 'mean-size';
}

/**
 * Ranges that touch (one ends where the next begins, no intact entry between) are one
 * incident: a zeroed run across two entries is one problem with two parts.
 */
export interface DamageIncident {
  /** Incidents before this one in the log. */
  readonly index: number;
  /** This range's place in it, 0-based, of `parts`. */
  readonly part: number;
  readonly parts: number;
  /** Where the incident starts and how many bytes it covers (its segment is the range's). */
  readonly offset: number;
  readonly length: number;
  /** The document ids its parts' unverified fields name (distinct, in file order). */
  readonly documents: readonly string[];
}

/** Everything known about what one damaged range cost. */
export interface DamageImpact {
  readonly before: NeighbourEntry | null;
  readonly after: NeighbourEntry | null;
  /** after.timestamp − before.timestamp in ms, as a decimal string (null without both, or when time runs backwards). */
  readonly gap_ms: string | null;
  /** null when nothing can be said (a compressed stream that stops: the rest is unknown). */
  readonly estimate: DamageEstimate | null;
  readonly cause: DamageCause;
  readonly unverified: UnverifiedFields | null;
  readonly incident: DamageIncident;
}
