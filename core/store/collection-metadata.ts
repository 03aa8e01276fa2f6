import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/** Sentinel's WalFailureMode (serde: lower case; its FromStr ignores case, and so do we). */
export type WalFailureMode = 'strict' | 'warn' | 'disabled';
export type MetadataCompression = 'none' | 'zstd' | 'lz4' | 'brotli' | 'deflate' | 'gzip';

/** A collection's CollectionWalConfig (sentinel-wal `config.rs`) as `.metadata.json` holds it. */
export interface CollectionWalSettings {
  readonly writeMode: WalFailureMode;
  readonly verificationMode: WalFailureMode;
  readonly autoVerify: boolean;
  readonly enableRecovery: boolean;
  /** null: no size limit. */
  readonly maxWalSizeBytes: number | null;
  /** `compression_algorithm: null` is 'none'. */
  readonly compression: MetadataCompression;
  readonly maxRecordsPerFile: number | null;
  readonly format: 'binary' | 'jsonl';
}

/** What `<collection>/.metadata.json` says (sentinel `metadata.rs`, CollectionMetadata). */
export interface CollectionMetadata {
  readonly file: string;
  /** false: no such file (Sentinel then runs the collection on its defaults). */
  readonly present: boolean;
  readonly version: number | null;
  readonly name: string | null;
  /** Unix seconds. */
  readonly createdAt: number | null;
  readonly updatedAt: number | null;
  readonly documentCount: number | null;
  readonly totalSizeBytes: number | null;
  /** From the file, or Sentinel's defaults where the file or its `wal_config` is absent (`walFromFile` false). */
  readonly wal: CollectionWalSettings;
  readonly walFromFile: boolean;
  /** Why the file could not be read or a field was not understood; null when all was read. */
  readonly problems: readonly string[];
}

/** CollectionWalConfig::default() (sentinel-wal `config.rs`). */
export const SENTINEL_WAL_DEFAULTS: CollectionWalSettings = Object.freeze({
  writeMode: 'strict', verificationMode: 'warn', autoVerify: false, enableRecovery: true,
  maxWalSizeBytes: 10 * 1024 * 1024, compression: 'zstd', maxRecordsPerFile: 1000, format: 'binary',
});

export const METADATA_FILE = '.metadata.json';

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null);

function mode(v: unknown, field: string, fallback: WalFailureMode, problems: string[]): WalFailureMode {
  const t = typeof v === 'string' ? v.toLowerCase() : v;
  if (t === 'strict' || t === 'warn' || t === 'disabled') return t;
  if (v !== undefined) problems.push(`wal_config.${field}: ${JSON.stringify(v)} is not strict, warn or disabled (read as ${fallback})`);
  return fallback;
}

// serde writes the enum variants by name (`Zstd`, `JsonLines`); matched without case.
function compression(v: unknown, problems: string[]): MetadataCompression {
  if (v === null) return 'none';
  const t = typeof v === 'string' ? v.toLowerCase() : v;
  if (t === 'zstd' || t === 'lz4' || t === 'brotli' || t === 'deflate' || t === 'gzip') return t;
  if (v !== undefined) problems.push(`wal_config.compression_algorithm: ${JSON.stringify(v)} is not a known algorithm (read as zstd)`);
  return SENTINEL_WAL_DEFAULTS.compression;
}

function format(v: unknown, problems: string[]): 'binary' | 'jsonl' {
  const t = typeof v === 'string' ? v.toLowerCase().replace('_', '') : v;
  if (t === undefined || t === 'binary') return 'binary';
  if (t === 'jsonlines') return 'jsonl';
  problems.push(`wal_config.format: ${JSON.stringify(v)} is not Binary or JsonLines (read as binary)`);
  return 'binary';
}

function limit(v: unknown, field: string, fallback: number | null, problems: string[]): number | null {
  if (v === null) return null;
  const n = count(v);
  if (n !== null) return n;
  if (v !== undefined) problems.push(`wal_config.${field}: ${JSON.stringify(v)} is not a byte or record count`);
  return fallback;
}

export function walSettings(raw: Raw, problems: string[]): CollectionWalSettings {
  const d = SENTINEL_WAL_DEFAULTS;
  return {
    writeMode: mode(raw['write_mode'], 'write_mode', d.writeMode, problems),
    verificationMode: mode(raw['verification_mode'], 'verification_mode', d.verificationMode, problems),
    autoVerify: typeof raw['auto_verify'] === 'boolean' ? raw['auto_verify'] : d.autoVerify,
    enableRecovery: typeof raw['enable_recovery'] === 'boolean' ? raw['enable_recovery'] : d.enableRecovery,
    maxWalSizeBytes: limit(raw['max_wal_size_bytes'], 'max_wal_size_bytes', d.maxWalSizeBytes, problems),
    compression: compression(raw['compression_algorithm'], problems),
    maxRecordsPerFile: limit(raw['max_records_per_file'], 'max_records_per_file', d.maxRecordsPerFile, problems),
    format: format(raw['format'], problems),
  };
}

/**
 * Reads a collection's `.metadata.json`. Never throws: a missing, unreadable or malformed file
 * is the defaults Sentinel would run on, with the problem said (metadata describes the
 * collection; it never decides whether the log can be read).
 */
export async function readCollectionMetadata(collectionDir: string): Promise<CollectionMetadata> {
  const file = path.join(collectionDir, METADATA_FILE);
  const none = { version: null, name: null, createdAt: null, updatedAt: null, documentCount: null, totalSizeBytes: null };
  let text: string;
  try {
    // Sentinel caps the file at 1 MB; a larger one is not metadata it wrote.
    const st = await fs.stat(file);
    if (st.size > 1024 * 1024) return { file, present: true, ...none, wal: SENTINEL_WAL_DEFAULTS, walFromFile: false, problems: [`${METADATA_FILE} is ${st.size} bytes, over Sentinel's 1 MB limit: not read`] };
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const problems = code === 'ENOENT' ? [] : [`${METADATA_FILE} could not be read (${code ?? String(err)})`];
    return { file, present: code !== 'ENOENT', ...none, wal: SENTINEL_WAL_DEFAULTS, walFromFile: false, problems };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { file, present: true, ...none, wal: SENTINEL_WAL_DEFAULTS, walFromFile: false, problems: [`${METADATA_FILE} is not JSON: ${(err as Error).message}`] };
  }
  if (!isObject(raw)) return { file, present: true, ...none, wal: SENTINEL_WAL_DEFAULTS, walFromFile: false, problems: [`${METADATA_FILE} is not a JSON object`] };
  const problems: string[] = [];
  const walRaw = raw['wal_config'];
  const walFromFile = isObject(walRaw);
  return {
    file, present: true,
    version: count(raw['version']), name: typeof raw['name'] === 'string' ? raw['name'] : null,
    createdAt: count(raw['created_at']), updatedAt: count(raw['updated_at']),
    documentCount: count(raw['document_count']), totalSizeBytes: count(raw['total_size_bytes']),
    wal: walFromFile ? walSettings(walRaw, problems) : SENTINEL_WAL_DEFAULTS, walFromFile, problems,
  };
}

/** The `.metadata.json` text Sentinel's `save_metadata` writes (serde_json pretty), for our demo store and tests. */
export function renderCollectionMetadata(m: { name: string; createdAt: number; updatedAt: number; documentCount: number; totalSizeBytes: number; wal: CollectionWalSettings | null }): string {
  const w = m.wal;
  const variant = (c: MetadataCompression) => (c === 'none' ? null : c[0]!.toUpperCase() + c.slice(1));
  return JSON.stringify({
    version: 2, name: m.name, created_at: m.createdAt, updated_at: m.updatedAt, document_count: m.documentCount, total_size_bytes: m.totalSizeBytes,
    wal_config: w === null ? null : {
      write_mode: w.writeMode, verification_mode: w.verificationMode, auto_verify: w.autoVerify, enable_recovery: w.enableRecovery,
      max_wal_size_bytes: w.maxWalSizeBytes, compression_algorithm: variant(w.compression), max_records_per_file: w.maxRecordsPerFile,
      format: w.format === 'jsonl' ? 'JsonLines' : 'Binary',
    },
  }, null, 2);
}
