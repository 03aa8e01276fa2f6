/**
 * Types of repair.plan / repair.apply and `wal-inspector repair --json`: single-bit errors
 * located by the CRC and flipped back, in a new copy of the log. Types only (browser build).
 * Re-exported by `contract.ts`.
 */
import type { JobArgs } from './contract-jobs.js';
import type { CompressionName, DamageKindName, EntryTypeName } from './contract-types.js';

export interface RepairPlanArgs extends JobArgs {
  readonly session_id: string;
}

export interface RepairApplyArgs extends JobArgs {
  readonly session_id: string;
  /**
   * Must not exist. A file when the session is one segment (compressed as its extension says:
   * `.wal.zst`…; otherwise uncompressed), a directory for a chain (segments under their names).
   */
  readonly path: string;
}

/** The field of the entry a repaired bit lies in. */
export type RepairFieldName =
  | 'entry-type' | 'transaction-id-length' | 'transaction-id' | 'collection-length' | 'collection'
  | 'document-id-length' | 'document-id' | 'timestamp' | 'data-tag' | 'data-length' | 'data' | 'crc';

/** One entry repaired by flipping one bit back. */
export interface RepairItem {
  readonly segment: string;
  /** The repaired entry's range in its (decompressed) segment. */
  readonly offset: number;
  readonly length: number;
  /** Bit offset in that range: byte * 8 + bit, bit 0 the least significant. */
  readonly bit: number;
  /** The changed byte's offset in the segment and its value before / after (0..255). */
  readonly byte_offset: number;
  readonly before: number;
  readonly after: number;
  readonly field: RepairFieldName;
  /** The damage records it replaces (two when a flipped length varint had split the entry). */
  readonly damage: readonly DamageKindName[];
  readonly entry_type: EntryTypeName;
  readonly transaction_id: string;
  readonly document_id: string;
}

/** Why a damaged range stays out of the copy. */
export type LeftOutReasonName = 'too-long' | 'not-one-bit' | 'no-checksum' | 'stream-stops';

export interface LeftOutItem {
  readonly segment: string;
  readonly offset: number;
  readonly length: number;
  readonly damage: DamageKindName;
  readonly detail: string;
  readonly reason: LeftOutReasonName;
  /** The reason in words. */
  readonly explanation: string;
}

export interface RepairSegment {
  readonly name: string;
  readonly compression: CompressionName;
  readonly entries: number;
  readonly repaired: number;
  readonly unrepaired: number;
  /** apply: the file written for it, and whether it is a byte-for-byte copy of the input. */
  readonly output?: string;
  readonly copied?: boolean;
}

/** repair.plan's answer (writes nothing) and `repair --dry-run --json`. */
export interface RepairPlan {
  /** Entries repaired (all of them; the first 10,000 listed in `repairs`). */
  readonly repaired: number;
  /** Damaged ranges left out (all; the first 10,000 in `left_out`). */
  readonly unrepaired: number;
  readonly repairs: readonly RepairItem[];
  readonly left_out: readonly LeftOutItem[];
  readonly left_out_bytes: number;
  /** Intact entries, copied as they are. */
  readonly entries: number;
  readonly segments: readonly RepairSegment[];
}

/** repair.apply's answer and `repair --json`. */
export interface RepairResult extends RepairPlan {
  readonly path: string;
  /** Bytes of the (decompressed) segments written. */
  readonly bytes: number;
}

/** `dump --format jsonl`'s `repairable` on a damage record that one flipped bit explains. */
export interface DumpRepairable {
  /** Bit offset in [offset, offset + length): byte * 8 + bit, bit 0 the least significant. */
  readonly bit: number;
  /** The range the repaired entry spans: the record's own, or it joined with the contiguous records after (a flipped length varint splits an entry). */
  readonly offset: number;
  readonly length: number;
  readonly field: RepairFieldName;
}
