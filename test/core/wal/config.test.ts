import { describe, expect, it } from 'vitest';
import { DEFAULT_WAL_CONFIG, walConfigFor } from '../../../core/wal/config.js';

describe('the writer\'s configuration', () => {
  it('defaults to the original sentinel-wal 2.1\'s, with its durability (never fsync)', () => {
    expect(DEFAULT_WAL_CONFIG).toEqual({ maxFileSize: 10 * 1024 * 1024, compression: 'zstd', maxRecordsPerFile: 1000, format: 'binary', durability: 'none' });
    expect(Object.isFrozen(DEFAULT_WAL_CONFIG)).toBe(true);
  });

  it('walConfigFor: set fields override, unset ones fall back, and null (no limit) is kept as set', () => {
    expect(walConfigFor({})).toEqual(DEFAULT_WAL_CONFIG);
    expect(walConfigFor({ maxFileSize: null, maxRecordsPerFile: null, compression: 'none', format: 'jsonl', durability: 'group' }))
      .toEqual({ maxFileSize: null, maxRecordsPerFile: null, compression: 'none', format: 'jsonl', durability: 'group' });
    const base = { ...DEFAULT_WAL_CONFIG, maxFileSize: 4096, durability: 'fsync' as const };
    expect(walConfigFor({ maxRecordsPerFile: 5 }, base)).toEqual({ ...base, maxRecordsPerFile: 5 });
  });
});
