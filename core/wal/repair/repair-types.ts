import type { Compression } from '../compression/index.js';
import type { EntryType } from '../entry-type.js';
import type { DamageKind } from '../records.js';
import type { RepairField } from './bit-locator.js';
import type { LeftOutReason } from './repair-groups.js';

/** Repairs and left-out ranges a report lists at most (each); the counts cover all. */
export const REPAIR_LISTED = 10_000;

/** One entry repaired by flipping one bit back. */
export interface RepairDone {
  readonly segment: string;
  /** Where the repaired entry starts in its (decompressed) segment, and its length. */
  readonly offset: number;
  readonly length: number;
  /** Bit offset in the range [offset, offset + length): byte * 8 + bit, bit 0 the least significant. */
  readonly bit: number;
  /** The changed byte's offset in the segment, its value before and after. */
  readonly byteOffset: number;
  readonly before: number;
  readonly after: number;
  readonly field: RepairField;
  /** The damage records the entry replaces (two when a flipped length varint split it). */
  readonly damage: readonly DamageKind[];
  readonly entryType: EntryType;
  readonly transactionId: string;
  readonly documentId: string;
}

/** A damaged range whose bytes are not in the repaired copy. */
export interface LeftOutRange {
  readonly segment: string;
  readonly offset: number;
  readonly length: number;
  readonly damage: DamageKind;
  readonly detail: string;
  readonly reason: LeftOutReason;
}

export interface SegmentRepairSummary {
  readonly name: string;
  readonly compression: Compression;
  readonly entries: number;
  readonly repaired: number;
  readonly unrepaired: number;
  /** Written (apply only): the output file's name, and whether it is a byte-for-byte copy of the input. */
  readonly output?: string;
  readonly copied?: boolean;
}

export interface RepairReport {
  /** Entries repaired / damaged ranges left out, all of them. */
  readonly repaired: number;
  readonly unrepaired: number;
  /** The first REPAIR_LISTED of each. */
  readonly repairs: readonly RepairDone[];
  readonly leftOut: readonly LeftOutRange[];
  readonly leftOutBytes: number;
  /** Intact entries (copied as they are). */
  readonly entries: number;
  readonly segments: readonly SegmentRepairSummary[];
}

export interface RepairOptions {
  readonly signal?: AbortSignal;
  /** Bytes of the chain's segments gone through so far, of `total`. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Read every segment as this format instead of telling it from its bytes. */
  readonly format?: 'binary' | 'jsonl';
}
