import type { InspectorError } from '../../contract/contract-errors.js';
import type { CompressionName, DamageKindName, WalFormatName } from '../../contract/contract-types.js';
import type { DamageAnalysis } from '../../wal/damage/damage-types.js';

/** A segment as the worker is told about it. */
export interface WorkerSegment {
  readonly name: string;
  readonly path: string;
  readonly compression: CompressionName;
}

/** Where follow resumes: the active (last, uncompressed) segment and how far it was read. */
export interface ActiveState {
  readonly index: number;
  readonly seg: WorkerSegment;
  readonly pos: number;
  readonly format: WalFormatName | null;
  /** Row of a damaged range at the end of the active segment (maybe a write in progress), or -1. */
  readonly tailDamageRow: number;
  /** Inode of the file that was read (a rotation renames it away). */
  readonly ino: number;
}

/** A follow-only worker continues an index built by an earlier one. */
export interface WorkerSeed {
  readonly chunks: readonly SharedArrayBuffer[];
  readonly rows: number;
  readonly lastTime: number;
  readonly bytesDone: number;
  /** Every id so far, in id order (so new ids get the numbers the service expects). */
  readonly idBytes: Uint8Array;
  readonly idLengths: Uint16Array;
  readonly active: ActiveState;
}

export interface WorkerInit {
  readonly segments: readonly WorkerSegment[];
  readonly format?: WalFormatName;
  /** Directory holding the chain (for follow across rotations); null for a lone file. */
  readonly walDir: string | null;
  /** Set: skip indexing, follow from here. */
  readonly seed?: WorkerSeed;
  /** Uncompressed binary segments from this size on are indexed on two threads (default split-scan.ts's SPLIT_BYTES; Infinity: never). */
  readonly splitBytes?: number;
  /** Pieces a split segment is cut into (default split-scan.ts's piecesFor). */
  readonly splitPieces?: number;
  /** The most pieces of a split segment the first thread reads (tests: 1, the second thread reads the rest). */
  readonly splitFirstPieces?: number;
  /** Also flag rows whose transaction id is not valid UTF-8 (statistics count them; ~6 % slower). */
  readonly idsUtf8?: boolean;
}

export interface DamageNote {
  readonly row: number;
  readonly segment: number;
  readonly offset: number;
  readonly length: number;
  readonly damage: DamageKindName;
  readonly detail: string;
  /** What the range's bytes tell (cause, boundaries, unverified fields). */
  readonly analysis?: DamageAnalysis;
  /** Replaces the analysis of a row sent before (a repair found once the ranges after it were read). */
  readonly amend?: boolean;
}

/** Worker → service. Messages arrive in order: a `rows` message covers everything sent before it. */
export type WorkerMessage =
  | { readonly t: 'chunk'; readonly sab: SharedArrayBuffer }
  /** New ids, in id order: their bytes end to end, with their lengths. */
  | { readonly t: 'ids'; readonly bytes: Uint8Array; readonly lengths: Uint16Array }
  | { readonly t: 'damage'; readonly items: readonly DamageNote[] }
  /** A segment was opened: its decompressed size and format are known. */
  | { readonly t: 'segment'; readonly index: number; readonly bytes: number; readonly format: WalFormatName; readonly compressionError: string | null }
  /** Rows [0, rows) are complete. */
  | { readonly t: 'rows'; readonly rows: number; readonly bytesDone: number }
  /** Initial indexing finished. */
  | { readonly t: 'done'; readonly rows: number; readonly bytesDone: number; readonly active: ActiveState | null; readonly lastTime: number }
  /** Follow: rows from `rows` on were withdrawn (an incomplete tail that is being written). */
  | { readonly t: 'retract'; readonly rows: number }
  /** Follow: the active segment was rotated away under a new name; a new active segment follows. */
  | { readonly t: 'rotated'; readonly index: number; readonly name: string | null; readonly path: string | null; readonly next: WorkerSegment }
  | { readonly t: 'error'; readonly error: InspectorError };

/** Service → worker. */
export type ServiceMessage =
  | { readonly t: 'follow'; readonly enabled: boolean; readonly pollMs: number }
  | { readonly t: 'stop' };
