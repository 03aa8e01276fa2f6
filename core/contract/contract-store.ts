/**
 * Store-wide results: a Sentinel store root holds many collections, each with its own `.wal/`
 * chain (Sentinel's `wal stats|verify|recover|checkpoint --store-path S [--collection C]`).
 * Each shape is `{ collections: [{ collection, …the single-collection result… }], …totals }`,
 * where the totals are the sums of the counts and `passed` holds only when every collection
 * passed. What `<command> <store root> --json` prints. Types only (browser build).
 */
import type { CheckpointPreview, CheckpointResult, RecoveryPreview, RecoveryResult, VerifyReport } from './contract-jobs.js';
import type { CompressionName, EntryTypeName, DamageKindName, Stats, TransactionCounts, WalFormatName } from './contract-types.js';

/** Sentinel's WalFailureMode. */
export type WalFailureModeName = 'strict' | 'warn' | 'disabled';

/** A collection's WAL configuration (`.metadata.json`'s `wal_config`, else Sentinel's defaults). */
export interface CollectionWalConfig {
  readonly write_mode: WalFailureModeName;
  readonly verification_mode: WalFailureModeName;
  readonly auto_verify: boolean;
  readonly enable_recovery: boolean;
  /** Rotation limits; null: none. */
  readonly max_wal_size_bytes: number | null;
  readonly max_records_per_file: number | null;
  /** Compression of rotated segments ('none': `compression_algorithm: null`). */
  readonly compression: CompressionName;
  readonly format: WalFormatName;
  /** 'file': read from `.metadata.json`; 'defaults': the file or its wal_config is absent, Sentinel's defaults apply. */
  readonly source: 'file' | 'defaults';
  /** What could not be read or understood (empty when all was). */
  readonly problems: readonly string[];
}

/** A collection left out of a store-wide run, and why. */
export interface SkippedCollection {
  readonly collection: string;
  readonly reason: string;
}

/** What every per-collection item starts with. */
export interface CollectionPart {
  /** The collection's directory name under `data/`. */
  readonly collection: string;
}

export type CollectionStats = CollectionPart & Stats & { readonly wal_config: CollectionWalConfig };

export interface StoreStats {
  readonly store: string;
  readonly collections: readonly CollectionStats[];
  readonly skipped_collections: readonly SkippedCollection[];
  readonly rows: number;
  readonly entries: number;
  readonly by_type: Readonly<Record<EntryTypeName, number>>;
  readonly bytes_by_type: Readonly<Record<EntryTypeName, number>>;
  readonly damaged: number;
  readonly damaged_bytes: number;
  readonly by_damage: Readonly<Record<DamageKindName, number>>;
  readonly documents: number;
  readonly transactions: TransactionCounts;
  readonly with_data: number;
  readonly data_bytes: number;
  readonly entries_with_invalid_utf8_ids: number;
  /** Segments and their bytes on disk, over every collection. */
  readonly segments: number;
  readonly file_bytes: number;
  /** Earliest and latest entry over the store (u64 ms as decimal strings). */
  readonly first_time: string | null;
  readonly last_time: string | null;
  readonly complete: boolean;
}

export type CollectionVerifyReport = CollectionPart & VerifyReport;

export interface StoreVerifyReport {
  readonly store: string;
  readonly collections: readonly CollectionVerifyReport[];
  readonly skipped_collections: readonly SkippedCollection[];
  /** Every collection passed. */
  readonly passed: boolean;
  readonly entries_processed: number;
  readonly affected_documents: number;
  readonly issue_counts: { readonly critical: number; readonly warning: number };
  readonly finding_counts: { readonly false_alarms: number; readonly other: number };
  /** Collections that did not pass. */
  readonly failed_collections: number;
}

/** Totals of a store recovery, planned or applied. */
export interface StoreRecoveryTotals {
  readonly recovered_operations: number;
  readonly skipped_operations: number;
  readonly failed_operations: number;
  /** committed_only only. */
  readonly dropped_entries?: number;
  /** Documents to change (planned) or changed (applied), over every collection. */
  readonly document_changes: number;
  readonly lost_ranges: number;
  readonly foreign_collection_entries: number;
  readonly mode: RecoveryPreview['mode'];
  readonly committed_only: boolean;
  readonly dry_run: boolean;
}

export interface StoreRecoveryPreview extends StoreRecoveryTotals {
  readonly store: string;
  /** A rehearsal: the new store root written instead of the store, which is not touched. */
  readonly into?: string;
  readonly collections: readonly (CollectionPart & RecoveryPreview)[];
  readonly skipped_collections: readonly SkippedCollection[];
}

export interface StoreRecoveryResult extends StoreRecoveryTotals {
  readonly store: string;
  /** A rehearsal: the new store root written instead of the store, which is not touched. */
  readonly into?: string;
  readonly collections: readonly (CollectionPart & RecoveryResult)[];
  readonly skipped_collections: readonly SkippedCollection[];
  readonly applied: number;
}

export interface StoreCheckpointPreview {
  readonly store: string;
  readonly collections: readonly (CollectionPart & CheckpointPreview)[];
  readonly skipped_collections: readonly SkippedCollection[];
  readonly compact: boolean;
  /** Collections whose compaction is refused (the others can be applied). */
  readonly refused_collections: number;
  readonly entries_processed: number;
  readonly critical_issues: number;
  readonly blocked_total: number;
  /** Active segments to seal, and sealed segments to remove. */
  readonly seals: number;
  readonly removals: number;
}

export interface StoreCheckpointResult {
  readonly store: string;
  readonly collections: readonly (CollectionPart & CheckpointResult)[];
  readonly skipped_collections: readonly SkippedCollection[];
  readonly sealed: number;
  readonly removed: number;
  readonly kept: number;
  /** Every collection's active segment was synced. */
  readonly synced: boolean;
}
