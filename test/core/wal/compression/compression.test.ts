import { describe, expect, it } from 'vitest';
import {
  COMPRESSIONS,
  compressionExtension,
  compressionFromExtension,
  parseCompression,
  printCompression,
} from '../../../../core/wal/compression/compression.js';

describe('compression names', () => {
  it('maps every algorithm to the extension the original writes', () => {
    expect(COMPRESSIONS.map(compressionExtension)).toEqual(['', '.zst', '.lz4', '.br', '.deflate', '.gz']);
    for (const c of COMPRESSIONS) expect(compressionFromExtension(compressionExtension(c))).toBe(c);
    expect(compressionFromExtension('zst')).toBe('zstd');
    expect(compressionFromExtension('.xz')).toBeUndefined();
  });

  it('parses case-insensitively, including the serde names', () => {
    for (const [text, want] of [['zstd', 'zstd'], ['ZSTD', 'zstd'], ['Lz4', 'lz4'], ['BrOtLi', 'brotli'], ['Deflate', 'deflate'], ['gzip', 'gzip'], ['None', 'none'], [' gzip ', 'gzip']] as const) {
      const r = parseCompression(text);
      expect(r).toEqual({ ok: true, value: want });
    }
  });

  it('rejects unknown names with INVALID_ARGUMENT naming the field', () => {
    for (const text of ['', 'xz', 'zip', 'gz']) {
      const r = parseCompression(text, 'compression_algorithm');
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_ARGUMENT');
        expect(r.error.context.field).toBe('compression_algorithm');
        expect(r.error.message).toContain('compression_algorithm');
      }
    }
  });

  it('prints lower case', () => {
    expect(COMPRESSIONS.map(printCompression)).toEqual(['none', 'zstd', 'lz4', 'brotli', 'deflate', 'gzip']);
  });
});
