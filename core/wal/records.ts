import type { DamageAnalysis, DamageImpact } from './damage/damage-types.js';
import type { LogEntry } from './log-entry.js';
import type { RepairableMark } from './repair/mark-repairable.js';

export type WalFormat = 'binary' | 'jsonl';

export const DAMAGE_KINDS = [
  'crc-mismatch',
  'truncated-tail',
  'undecodable',
  'invalid-json-line',
  'corrupt-compression',
] as const;
export type DamageKind = (typeof DAMAGE_KINDS)[number];

/** An intact entry and where it lies in its (decompressed) segment. */
export interface EntryRecord {
  readonly kind: 'entry';
  readonly segment: string;
  readonly offset: number;
  /** Bytes of the entry, its CRC included (JSON Lines: the line without its newline). */
  readonly length: number;
  readonly entry: LogEntry;
  /** The entry's bytes, when asked for. A copy: safe to keep. */
  readonly raw?: Uint8Array;
  /** Read back by flipping one bit of a damaged range (repair/repaired-records.ts, only when asked for). */
  readonly repaired?: RepairableMark;
}

/** A byte range that holds no intact entry. */
export interface DamageRecord {
  readonly kind: 'damage';
  readonly segment: string;
  readonly offset: number;
  readonly length: number;
  readonly damage: DamageKind;
  /** What is wrong, for a person. */
  readonly detail: string;
  /** What its bytes tell (cause, boundaries, unverified fields); readers that look attach it. */
  readonly analysis?: DamageAnalysis;
  /** With its neighbours and incident (damage/impact-stream.ts). */
  readonly impact?: DamageImpact;
  /** One flipped bit explains it (repair/mark-repairable.ts): which, in which range. */
  readonly repairable?: RepairableMark;
}

export type WalRecord = EntryRecord | DamageRecord;
