import { WalError } from '../wal-error.js';

/**
 * Compression of rotated segments. 'none' stands for the original's
 * `compression_algorithm: None` (rotated segments stay `.wal`).
 */
export const COMPRESSIONS = ['none', 'zstd', 'lz4', 'brotli', 'deflate', 'gzip'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

/** The algorithms that actually compress (every value but 'none'). */
export type CompressionAlgorithm = Exclude<Compression, 'none'>;

/** File-name suffix after `.wal`, exactly as the original's `compress_file` names them. */
const EXTENSIONS: Readonly<Record<Compression, string>> = {
  none: '',
  zstd: '.zst',
  lz4: '.lz4',
  brotli: '.br',
  deflate: '.deflate',
  gzip: '.gz',
};

export function compressionExtension(compression: Compression): string {
  return EXTENSIONS[compression];
}

/** Maps a suffix ('.zst', 'zst', '' …) back to its compression; undefined when unknown. */
export function compressionFromExtension(ext: string): Compression | undefined {
  const dotted = ext === '' || ext.startsWith('.') ? ext : '.' + ext;
  for (const c of COMPRESSIONS) if (EXTENSIONS[c] === dotted) return c;
  return undefined;
}

export function isCompression(value: unknown): value is Compression {
  return typeof value === 'string' && (COMPRESSIONS as readonly string[]).includes(value);
}

export type CompressionParse = { readonly ok: true; readonly value: Compression } | { readonly ok: false; readonly error: WalError };

/**
 * Parses a compression name case-insensitively, as the original's `FromStr` does ('Zstd',
 * its serde name, parses too). 'none' (and 'off') mean no compression, which the original
 * spells as a missing value.
 */
export function parseCompression(text: string, field = 'compression'): CompressionParse {
  const lower = text.trim().toLowerCase();
  if (lower === 'off') return { ok: true, value: 'none' };
  if (isCompression(lower)) return { ok: true, value: lower };
  return {
    ok: false,
    error: new WalError('INVALID_ARGUMENT', `${field}: invalid compression algorithm ${JSON.stringify(text)} (expected one of ${COMPRESSIONS.join(', ')})`, { field }),
  };
}

/** The lowercase name, as the original's `Display` prints it. */
export function printCompression(compression: Compression): string {
  return compression;
}
