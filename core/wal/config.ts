import type { Compression } from './compression/compression.js';
import type { WalFormat } from './records.js';

/**
 * The writer's configuration with the original's defaults (sentinel-wal `config.rs`,
 * `manager.rs`), plus our durability policy. The original's `Option` fields map to `null`
 * (no limit) and its `compression_algorithm: None` to 'none'.
 *
 * 'none': write and flush, never fsync (the original). 'fsync': every append resolves after
 * its own fsync. 'group': appends resolve after an fsync that covers them, shared by every
 * append written while the previous fsync ran (group commit).
 */
export type DurabilityPolicy = 'none' | 'fsync' | 'group';
export const DURABILITY_POLICIES: readonly DurabilityPolicy[] = ['none', 'fsync', 'group'];

export interface WalConfig {
  /** Rotate before an entry that would take the active segment past this size; null = never. */
  readonly maxFileSize: number | null;
  readonly compression: Compression;
  /** Rotate once the active segment holds this many entries; null = never. */
  readonly maxRecordsPerFile: number | null;
  readonly format: WalFormat;
  readonly durability: DurabilityPolicy;
}

export const DEFAULT_WAL_CONFIG: Readonly<WalConfig> = Object.freeze({
  maxFileSize: 10 * 1024 * 1024,
  compression: 'zstd',
  maxRecordsPerFile: 1000,
  format: 'binary',
  // The original never fsyncs; keeping that as the default changes nothing for its users.
  durability: 'none',
});

/** The WalConfig a collection's writer uses. */
export function walConfigFor(collection: Partial<WalConfig>, base: WalConfig = DEFAULT_WAL_CONFIG): WalConfig {
  return {
    maxFileSize: collection.maxFileSize !== undefined ? collection.maxFileSize : base.maxFileSize,
    compression: collection.compression ?? base.compression,
    maxRecordsPerFile: collection.maxRecordsPerFile !== undefined ? collection.maxRecordsPerFile : base.maxRecordsPerFile,
    format: collection.format ?? base.format,
    durability: collection.durability ?? base.durability,
  };
}
