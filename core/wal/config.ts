import { parseCompression, type Compression } from './compression/compression.js';
import type { WalFormat } from './records.js';
import { WalError } from './wal-error.js';

/**
 * WAL configuration with the original's defaults (sentinel-wal `config.rs`, `manager.rs`),
 * plus our durability policy. The original's `Option` fields map to `null` (no limit) and
 * its `compression_algorithm: None` to 'none'.
 */
export type WalFailureMode = 'disabled' | 'warn' | 'strict';
export const WAL_FAILURE_MODES: readonly WalFailureMode[] = ['disabled', 'warn', 'strict'];

/**
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

/** Per-collection settings; unset WAL fields fall back to the WalConfig defaults. */
export interface CollectionWalConfig extends Partial<WalConfig> {
  readonly writeMode: WalFailureMode;
  readonly verificationMode: WalFailureMode;
  readonly autoVerify: boolean;
  readonly enableRecovery: boolean;
}

export const DEFAULT_COLLECTION_WAL_CONFIG: Readonly<CollectionWalConfig> = Object.freeze({
  writeMode: 'strict',
  verificationMode: 'warn',
  autoVerify: false,
  enableRecovery: true,
});

export interface StoreWalConfig {
  readonly defaultCollectionConfig: CollectionWalConfig;
  readonly collectionConfigs: Readonly<Record<string, CollectionWalConfig>>;
  readonly storeFailureMode: WalFailureMode;
  readonly autoCheckpoint: boolean;
  /** 0 = no periodic checkpoint. */
  readonly checkpointIntervalSecs: number;
  /** WAL size that forces a checkpoint. */
  readonly maxWalSizeBytes: number;
}

export const DEFAULT_STORE_WAL_CONFIG: Readonly<StoreWalConfig> = Object.freeze({
  defaultCollectionConfig: DEFAULT_COLLECTION_WAL_CONFIG,
  collectionConfigs: Object.freeze({}),
  storeFailureMode: 'strict',
  autoCheckpoint: true,
  checkpointIntervalSecs: 300,
  maxWalSizeBytes: 100 * 1024 * 1024,
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

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WalError };

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
function invalid<T>(field: string, message: string): ParseResult<T> {
  return { ok: false, error: new WalError('INVALID_ARGUMENT', `${field}: ${message}`, { field }) };
}

/** Case-insensitive, as the original's `FromStr`; printed lower-case. */
export function parseFailureMode(text: string, field = 'failure_mode'): ParseResult<WalFailureMode> {
  const lower = text.trim().toLowerCase();
  return (WAL_FAILURE_MODES as readonly string[]).includes(lower)
    ? ok(lower as WalFailureMode)
    : invalid(field, `invalid WAL failure mode ${JSON.stringify(text)} (expected disabled, warn or strict)`);
}

export function printFailureMode(mode: WalFailureMode): string {
  return mode;
}

/**
 * The original spells the formats `binary` / `json_lines` (FromStr, Display) and `Binary` /
 * `JsonLines` (serde); we print `binary` / `jsonl` and accept all of these, any case,
 * plus `jsonlines` and `json-lines`.
 */
export function parseWalFormat(text: string, field = 'format'): ParseResult<WalFormat> {
  const lower = text.trim().toLowerCase();
  if (lower === 'binary') return ok('binary');
  if (lower === 'jsonl' || lower === 'json_lines' || lower === 'jsonlines' || lower === 'json-lines') return ok('jsonl');
  return invalid(field, `invalid WAL format ${JSON.stringify(text)} (expected binary or jsonl)`);
}

export function printWalFormat(format: WalFormat): string {
  return format;
}

/** The original's own spelling (`json_lines`), for writing its configuration back. */
export function printOriginalWalFormat(format: WalFormat): string {
  return format === 'jsonl' ? 'json_lines' : 'binary';
}

export function parseDurability(text: string, field = 'durability'): ParseResult<DurabilityPolicy> {
  const lower = text.trim().toLowerCase();
  return (DURABILITY_POLICIES as readonly string[]).includes(lower)
    ? ok(lower as DurabilityPolicy)
    : invalid(field, `invalid durability policy ${JSON.stringify(text)} (expected none, fsync or group)`);
}

export { parseCompression };

// Whole configurations, from JSON-like objects: the original's serde keys (snake_case,
// e.g. a collection's stored configuration) or our camelCase ones. Missing keys take the
// defaults, unknown keys are ignored, a wrong value fails naming its field.

type Obj = Readonly<Record<string, unknown>>;
class Bad extends Error {
  constructor(readonly result: ParseResult<never>) {
    super('invalid');
  }
}

function take<T>(r: ParseResult<T>): T {
  if (!r.ok) throw new Bad(r);
  return r.value;
}

/** The value under the snake_case or camelCase key, with the name to report. */
function field(obj: Obj, snake: string, camel: string): [unknown, string] {
  return snake in obj ? [obj[snake], snake] : [obj[camel], camel];
}

function text<T>(obj: Obj, snake: string, camel: string, parse: (t: string, f: string) => ParseResult<T>, fallback: T): T {
  const [v, name] = field(obj, snake, camel);
  if (v === undefined) return fallback;
  if (typeof v !== 'string') return take(invalid(name, 'must be a string'));
  return take(parse(v, name));
}

function flag(obj: Obj, snake: string, camel: string, fallback: boolean): boolean {
  const [v, name] = field(obj, snake, camel);
  if (v === undefined) return fallback;
  return typeof v === 'boolean' ? v : take(invalid(name, 'must be true or false'));
}

function count(obj: Obj, snake: string, camel: string, min: number): number | null | undefined {
  const [v, name] = field(obj, snake, camel);
  if (v === undefined || v === null) return v;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) return take(invalid(name, `must be an integer ≥ ${min} or null`));
  return v;
}

function object(v: unknown, name: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return take(invalid(name, 'must be an object'));
  return v as Obj;
}

/** Only the WAL fields present in `obj` (absent ones stay unset, so defaults apply later). */
function walOverrides(obj: Obj, sizeKey: string): Partial<WalConfig> {
  const out: { -readonly [K in keyof WalConfig]?: WalConfig[K] } = {};
  const size = count(obj, sizeKey, 'maxFileSize', 1);
  if (size !== undefined) out.maxFileSize = size;
  const records = count(obj, 'max_records_per_file', 'maxRecordsPerFile', 1);
  if (records !== undefined) out.maxRecordsPerFile = records;
  const [algo, algoName] = 'compression_algorithm' in obj ? [obj.compression_algorithm, 'compression_algorithm'] : [obj.compression, 'compression'];
  if (algo === null) out.compression = 'none';
  else if (typeof algo === 'string') out.compression = take(parseCompression(algo, algoName));
  else if (algo !== undefined) take(invalid(algoName, 'must be a string or null'));
  if (obj.format !== undefined) out.format = text(obj, 'format', 'format', parseWalFormat, 'binary');
  if (obj.durability !== undefined) out.durability = text(obj, 'durability', 'durability', parseDurability, 'none');
  return out;
}

function guard<T>(run: () => T): ParseResult<T> {
  try {
    return ok(run());
  } catch (err) {
    if (err instanceof Bad) return err.result;
    throw err;
  }
}

export function parseWalConfig(input: unknown): ParseResult<WalConfig> {
  return guard(() => walConfigFor(walOverrides(object(input, 'wal_config'), 'max_file_size')));
}

function collectionFields(obj: Obj): CollectionWalConfig {
  const d = DEFAULT_COLLECTION_WAL_CONFIG;
  return {
    writeMode: text(obj, 'write_mode', 'writeMode', parseFailureMode, d.writeMode),
    verificationMode: text(obj, 'verification_mode', 'verificationMode', parseFailureMode, d.verificationMode),
    autoVerify: flag(obj, 'auto_verify', 'autoVerify', d.autoVerify),
    enableRecovery: flag(obj, 'enable_recovery', 'enableRecovery', d.enableRecovery),
    ...walOverrides(obj, 'max_wal_size_bytes'),
  };
}

/** A collection's WAL configuration (the original's `CollectionWalConfig` serde form). */
export function parseCollectionWalConfig(input: unknown): ParseResult<CollectionWalConfig> {
  return guard(() => collectionFields(object(input, 'collection_wal_config')));
}

export function parseStoreWalConfig(input: unknown): ParseResult<StoreWalConfig> {
  return guard(() => {
    const obj = object(input, 'store_wal_config');
    const d = DEFAULT_STORE_WAL_CONFIG;
    const [def, defName] = field(obj, 'default_collection_config', 'defaultCollectionConfig');
    const [map, mapName] = field(obj, 'collection_configs', 'collectionConfigs');
    const collectionConfigs: Record<string, CollectionWalConfig> = {};
    if (map !== undefined) {
      for (const [name, v] of Object.entries(object(map, mapName))) collectionConfigs[name] = collectionFields(object(v, `${mapName}.${name}`));
    }
    const interval = count(obj, 'checkpoint_interval_secs', 'checkpointIntervalSecs', 0);
    const maxSize = count(obj, 'max_wal_size_bytes', 'maxWalSizeBytes', 1);
    return {
      defaultCollectionConfig: def === undefined ? d.defaultCollectionConfig : collectionFields(object(def, defName)),
      collectionConfigs,
      storeFailureMode: text(obj, 'store_failure_mode', 'storeFailureMode', parseFailureMode, d.storeFailureMode),
      autoCheckpoint: flag(obj, 'auto_checkpoint', 'autoCheckpoint', d.autoCheckpoint),
      checkpointIntervalSecs: interval ?? d.checkpointIntervalSecs,
      maxWalSizeBytes: maxSize ?? d.maxWalSizeBytes,
    };
  });
}
