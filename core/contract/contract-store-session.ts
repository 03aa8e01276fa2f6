/**
 * A store session: `session.open` on a store root of several collections opens every
 * collection's chain as one log (rows ordered by time, ties by collection name then position).
 * Its segments are the chains one after the other, each named `<collection>/<segment>` (segment
 * names repeat across collections), so a row's segment_index finds its own file. Types only.
 */
import type { RecoveryMode } from './contract-jobs.js';
import type { CompressionName } from './contract-types.js';
import type { CollectionWalConfig, SkippedCollection, StoreCheckpointPreview, StoreRecoveryPreview } from './contract-store.js';

// The store-wide shapes reach the renderer through contract.ts's re-export of this module.
export type * from './contract-store.js';

/** One collection of a store session, as the collection list shows it. */
export interface StoreSessionCollection {
  readonly collection: string;
  /** The collection's directory (its own store for verify and recovery). */
  readonly dir: string;
  readonly system: boolean;
  /** Its chain is session segments [first_segment, first_segment + segments). */
  readonly first_segment: number;
  readonly segments: number;
  /** Bytes of its segment files. */
  readonly file_bytes: number;
  /** Indexed so far. */
  readonly entries: number;
  readonly damaged: number;
  /** Time of its last entry (ms since the epoch), null when none. */
  readonly last_write: number | null;
  readonly wal_config: CollectionWalConfig;
}

export interface StoreSessionInfo {
  /** The store root, absolute. */
  readonly root: string;
  /** The collections opened, in byte order of their names. */
  readonly collections: readonly StoreSessionCollection[];
  /** Collections of the store not opened (not picked), with the reason. */
  readonly skipped: readonly SkippedCollection[];
}

/** store.verify: verify a store session's collections, each against its own directory. */
export interface StoreVerifyArgs {
  readonly session_id: string;
  readonly job_id?: string;
  /** The collections to verify (default: every collection of the session). */
  readonly collections?: readonly string[];
}

/** store.plan_recovery: a recovery of a store session's collections, each from its own chain into its own directory. */
export interface StoreRecoveryPlanArgs {
  readonly session_id: string;
  readonly job_id?: string;
  /** The collections to recover (default: every collection of the session but system ones, as `recover <root>`). */
  readonly collections?: readonly string[];
  readonly mode: RecoveryMode;
  readonly committed_only?: boolean;
  readonly include_repaired?: boolean;
  /**
   * Rehearse: store.apply_recovery writes the recovered store as this new store root (absent, or
   * an empty directory; `.store.json` and every collection under data/ copied, then the recovery's
   * files) and never touches the store; then store.compare, restore.promote or restore.discard.
   */
  readonly into?: string;
}

/** `recover <root> --dry-run --json`'s shape, plus the id that store.apply_recovery takes. */
export interface StoreRecoveryPlan extends StoreRecoveryPreview {
  readonly plan_id: string;
}

export interface StoreRecoveryApplyArgs {
  readonly session_id: string;
  readonly job_id?: string;
  readonly plan_id: string;
  /** Default true: each collection's files are backed up into its own `.backups/` first. */
  readonly backup?: boolean;
}

/** store.plan_checkpoint: checkpoint.plan for each collection of a store session that has a `.wal/`. */
export interface StoreCheckpointPlanArgs {
  readonly session_id: string;
  readonly job_id?: string;
  /** Default: every collection of the session but system ones, as `checkpoint <root>`. */
  readonly collections?: readonly string[];
  readonly compact?: boolean;
  readonly compression?: CompressionName;
  readonly remove_older_than_ms?: number;
  readonly keep_segments?: number;
}

/** `checkpoint <root> [--compact] --dry-run --json`'s shape, plus the id that store.apply_checkpoint takes. */
export interface StoreCheckpointPlan extends StoreCheckpointPreview {
  readonly plan_id: string;
}

export interface StoreCheckpointApplyArgs {
  readonly session_id: string;
  readonly job_id?: string;
  readonly plan_id: string;
}
