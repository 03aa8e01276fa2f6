import type { Compression } from '../wal/compression/compression.js';
import type { WriterCheckFn } from './open-writers.js';

/** Where the log ends: the active segment and its size. */
export interface LogPosition {
  /** The active segment's file name; null when the chain has none (only sealed segments). */
  readonly segment: string | null;
  /** Its size in bytes: the offset the next entry will be written at. */
  readonly offset: number;
  /** Intact entries in the active segment. */
  readonly entries: number;
  /** Segments in the chain, the active one included. */
  readonly segments: number;
}

export interface CheckpointResult {
  readonly position: LogPosition;
  /** The active segment and its directory were fsynced. */
  readonly synced: boolean;
}

/** What the active segment was when the plan was made (to refuse if a writer appended since). */
export interface SegmentStamp {
  readonly name: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

export interface SealStep {
  readonly from: string;
  /** The rotated name, `transactions.<secs>.wal` or `transactions.<secs>-<n>.wal`. */
  readonly to: string;
  readonly compression: Compression;
  /** The final name (with the compression's extension). */
  readonly final: string;
}

export interface RemoveStep {
  readonly segment: string;
  readonly reason: 'age' | 'count';
  /** Compressed copies of the same segment (left by a crash), removed with it. */
  readonly duplicates: readonly string[];
  /** The segment as it was read for the plan (absent for the one sealed by this plan): changed since, it is kept. */
  readonly stamp?: SegmentStamp;
}

/** Why compaction may not go ahead, pointing at the entry concerned when there is one. */
export interface CompactBlocker {
  readonly kind:
    | 'critical-issues'
    | 'uncommitted-on-disk'
    | 'deleted-still-on-disk'
    | 'deleted-copy-missing'
    | 'deleted-copy-unreadable'
    | 'deleted-copy-differs'
    | 'log-in-use'
    | 'symlink';
  readonly description: string;
  readonly documentId?: string;
  readonly segment?: string;
  readonly offset?: number;
}

/** A file compaction left in place although the plan named it, and why. */
export interface KeptFile {
  readonly file: string;
  readonly reason: string;
}

export interface CompactOptions {
  /** Compress the sealed segment (default none). */
  readonly compression?: Compression;
  /** Remove sealed segments rotated more than this many seconds ago. */
  readonly maxAgeSecs?: number;
  /** Keep at most this many sealed segments (the newest). */
  readonly keep?: number;
  /** Seconds since the epoch, now (tests pass a fixed clock). */
  readonly nowSecs?: () => number;
  readonly signal?: AbortSignal;
  /** Which processes hold segments open for writing (default: /proc on Linux; tests replace it). */
  readonly checkWriters?: WriterCheckFn;
  readonly onProgress?: (progress: { readonly phase: 'verify' | 'seal' | 'compress' | 'remove'; readonly done: number }) => void;
}

export interface CompactVerification {
  readonly passed: boolean;
  readonly entriesProcessed: number;
  readonly criticalIssues: number;
}

/** A previewed compaction. `refused` set: nothing may be done (e.g. critical verification issues). */
export interface CompactPlan {
  readonly walDir: string;
  readonly collectionDir: string;
  readonly verification: CompactVerification;
  /** Every reason not to compact, in one sentence; null when it may go ahead. */
  readonly refused: string | null;
  /** The reasons one by one (store findings: the first 100 of `blockersTotal`). */
  readonly blockers: readonly CompactBlocker[];
  readonly blockersTotal: number;
  /** How other processes' writers were looked for: 'proc' (Linux), 'unavailable' (only our writer lock and the size/mtime checks). */
  readonly writerCheck: 'proc' | 'unavailable';
  /** Null when the active segment is empty or absent (nothing to seal). */
  readonly seal: SealStep | null;
  readonly remove: readonly RemoveStep[];
  readonly active: SegmentStamp | null;
  /** Segment names when planned, in replay order (apply refuses if they changed). */
  readonly segments: readonly string[];
  readonly position: LogPosition;
}

export interface CompactResult {
  readonly plan: CompactPlan;
  readonly sealed: string | null;
  readonly removed: readonly string[];
  /** Files kept because they changed after they were read (a writer the checks could not see). */
  readonly kept: readonly KeptFile[];
  readonly position: LogPosition;
}
