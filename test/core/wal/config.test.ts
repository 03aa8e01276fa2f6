import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COLLECTION_WAL_CONFIG,
  DEFAULT_STORE_WAL_CONFIG,
  DEFAULT_WAL_CONFIG,
  parseCollectionWalConfig,
  parseDurability,
  parseFailureMode,
  parseStoreWalConfig,
  parseWalConfig,
  parseWalFormat,
  printFailureMode,
  printOriginalWalFormat,
  printWalFormat,
  walConfigFor,
} from '../../../core/wal/config.js';

describe('defaults (the original sentinel-wal 2.1)', () => {
  it('WalConfig', () => {
    expect(DEFAULT_WAL_CONFIG).toEqual({ maxFileSize: 10 * 1024 * 1024, compression: 'zstd', maxRecordsPerFile: 1000, format: 'binary', durability: 'none' });
  });
  it('CollectionWalConfig', () => {
    expect(DEFAULT_COLLECTION_WAL_CONFIG).toEqual({ writeMode: 'strict', verificationMode: 'warn', autoVerify: false, enableRecovery: true });
    expect(walConfigFor(DEFAULT_COLLECTION_WAL_CONFIG)).toEqual(DEFAULT_WAL_CONFIG);
  });
  it('StoreWalConfig', () => {
    expect(DEFAULT_STORE_WAL_CONFIG).toMatchObject({ storeFailureMode: 'strict', autoCheckpoint: true, checkpointIntervalSecs: 300, maxWalSizeBytes: 100 * 1024 * 1024, collectionConfigs: {} });
  });
});

describe('enum parsing', () => {
  it('failure modes, case-insensitively, printed lower case', () => {
    for (const t of ['disabled', 'WARN', 'Strict']) {
      const r = parseFailureMode(t);
      expect(r.ok && printFailureMode(r.value)).toBe(t.toLowerCase());
    }
    const bad = parseFailureMode('loud', 'write_mode');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'INVALID_ARGUMENT', context: { field: 'write_mode' } });
  });

  it('formats: every spelling of the original, printed binary / jsonl', () => {
    for (const [t, want] of [['binary', 'binary'], ['Binary', 'binary'], ['json_lines', 'jsonl'], ['JsonLines', 'jsonl'], ['jsonl', 'jsonl'], ['json-lines', 'jsonl']] as const) {
      expect(parseWalFormat(t)).toEqual({ ok: true, value: want });
    }
    expect(parseWalFormat('json').ok).toBe(false);
    expect(printWalFormat('jsonl')).toBe('jsonl');
    expect(printOriginalWalFormat('jsonl')).toBe('json_lines');
  });

  it('durability policies', () => {
    expect(parseDurability('GROUP')).toEqual({ ok: true, value: 'group' });
    expect(parseDurability('sometimes').ok).toBe(false);
  });
});

describe('object parsing', () => {
  it("reads the original's CollectionWalConfig serde form", () => {
    const r = parseCollectionWalConfig({
      write_mode: 'warn',
      verification_mode: 'strict',
      auto_verify: true,
      enable_recovery: false,
      max_wal_size_bytes: null,
      compression_algorithm: 'Lz4',
      max_records_per_file: 50,
      format: 'JsonLines',
    });
    expect(r).toEqual({
      ok: true,
      value: { writeMode: 'warn', verificationMode: 'strict', autoVerify: true, enableRecovery: false, maxFileSize: null, compression: 'lz4', maxRecordsPerFile: 50, format: 'jsonl' },
    });
    if (r.ok) expect(walConfigFor(r.value)).toEqual({ maxFileSize: null, compression: 'lz4', maxRecordsPerFile: 50, format: 'jsonl', durability: 'none' });
  });

  it('missing keys take the defaults, null compression means none', () => {
    expect(parseCollectionWalConfig({})).toEqual({ ok: true, value: DEFAULT_COLLECTION_WAL_CONFIG });
    expect(parseWalConfig({ compression_algorithm: null, durability: 'fsync' })).toEqual({ ok: true, value: { ...DEFAULT_WAL_CONFIG, compression: 'none', durability: 'fsync' } });
    expect(parseWalConfig({ maxFileSize: 4096 })).toEqual({ ok: true, value: { ...DEFAULT_WAL_CONFIG, maxFileSize: 4096 } });
  });

  it('names the bad field', () => {
    const cases: [unknown, string][] = [
      [{ write_mode: 'loud' }, 'write_mode'],
      [{ auto_verify: 'yes' }, 'auto_verify'],
      [{ max_records_per_file: 0 }, 'max_records_per_file'],
      [{ max_wal_size_bytes: -5 }, 'max_wal_size_bytes'],
      [{ compression_algorithm: 'xz' }, 'compression_algorithm'],
      [{ format: 3 }, 'format'],
    ];
    for (const [input, field] of cases) {
      const r = parseCollectionWalConfig(input);
      expect(r.ok, field).toBe(false);
      if (!r.ok) expect(r.error.context.field).toBe(field);
    }
    const notObject = parseWalConfig('zstd');
    expect(notObject.ok).toBe(false);
  });

  it("reads the original's StoreWalConfig", () => {
    const r = parseStoreWalConfig({
      default_collection_config: { write_mode: 'disabled' },
      collection_configs: { users: { compression_algorithm: 'Gzip' } },
      store_failure_mode: 'WARN',
      auto_checkpoint: false,
      checkpoint_interval_secs: 0,
      max_wal_size_bytes: 1024,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.defaultCollectionConfig.writeMode).toBe('disabled');
    expect(r.value.collectionConfigs.users).toMatchObject({ compression: 'gzip', writeMode: 'strict' });
    expect(r.value).toMatchObject({ storeFailureMode: 'warn', autoCheckpoint: false, checkpointIntervalSecs: 0, maxWalSizeBytes: 1024 });
    const bad = parseStoreWalConfig({ collection_configs: { users: { verification_mode: 1 } } });
    expect(!bad.ok && bad.error.context.field).toBe('verification_mode');
  });
});
