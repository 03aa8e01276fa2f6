import type { FileHandle } from 'node:fs/promises';
import { isCompression } from '../compression/compression.js';
import { DURABILITY_POLICIES, type WalConfig } from '../config.js';
import { WalError } from '../wal-error.js';

export interface WalWriterOptions {
  /** Milliseconds since the epoch: rotation names and transaction-entry timestamps. */
  readonly clock?: () => number;
  /** The fsync used for appends and checkpoints (tests count calls through it). */
  readonly sync?: (fh: FileHandle) => Promise<void>;
  /** Collection of Begin/Commit/Rollback entries; default: the directory holding `.wal`. */
  readonly collection?: string;
  /** How long a group commit waits for more appends (ms; 0 = one event-loop turn). */
  readonly groupWindowMs?: number;
  /** Called when a background compression fails (the failure is also kept for flushBackground). */
  readonly onBackgroundError?: (err: WalError) => void;
}

export interface WalCheckpoint {
  /** The active segment's file name. */
  readonly segment: string;
  /** Bytes in it, all fsynced. */
  readonly position: number;
  /** Entries in it. */
  readonly entries: number;
}

export interface TransactionEntryFields {
  readonly collection?: string;
  readonly documentId?: string;
  readonly timestamp?: bigint;
}

/** Configuration mistakes are the caller's: thrown as WalError INVALID_ARGUMENT naming the field. */
export function validateWalConfig(config: WalConfig): void {
  const bad = (field: string, why: string) => new WalError('INVALID_ARGUMENT', `${field}: ${why}`, { field });
  const positive = (v: number | null) => v === null || (Number.isSafeInteger(v) && v > 0);
  if (!positive(config.maxFileSize)) throw bad('maxFileSize', 'must be a positive integer or null');
  if (!positive(config.maxRecordsPerFile)) throw bad('maxRecordsPerFile', 'must be a positive integer or null');
  if (!isCompression(config.compression)) throw bad('compression', `unknown compression ${String(config.compression)}`);
  if (config.format !== 'binary' && config.format !== 'jsonl') throw bad('format', `unknown format ${String(config.format)}`);
  if (!DURABILITY_POLICIES.includes(config.durability)) throw bad('durability', `unknown policy ${String(config.durability)}`);
}
