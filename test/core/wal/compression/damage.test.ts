import { describe, expect, it } from 'vitest';
import { compressBytes, decompressBytes, type CompressionAlgorithm } from '../../../../core/wal/compression/index.js';
import { decodeLz4Frames } from '../../../../core/wal/compression/lz4-frame.js';
import { rng, walBytesOfSize } from './wal-bytes.js';

const ALGOS: CompressionAlgorithm[] = ['zstd', 'lz4', 'brotli', 'deflate', 'gzip'];
const data = walBytesOfSize(2 * 1024 * 1024, 21);
const compressed = new Map<CompressionAlgorithm, Buffer>();
for (const algo of ALGOS) compressed.set(algo, await compressBytes(data, algo));

/** How many leading bytes of `out` equal the original. */
function goodPrefix(out: Buffer): number {
  const n = Math.min(out.length, data.length);
  for (let i = 0; i < n; i++) if (out[i] !== data[i]) return i;
  return n;
}

describe.each(ALGOS)('%s damage never throws or hangs', (algo) => {
  const c = compressed.get(algo)!;

  it.each([0.1, 0.5, 0.9, 0.999])('truncated at %d: the bytes before the cut and an error', { timeout: 20_000 }, async (frac) => {
    const cut = Math.floor(c.length * frac);
    const out = await decompressBytes(c.subarray(0, cut), algo);
    expect(out.error?.message).toBeTruthy();
    expect(goodPrefix(out.bytes)).toBe(out.bytes.length);
    // Roughly proportional: compression is even over WAL data.
    expect(out.bytes.length).toBeGreaterThan(data.length * (frac - 0.1) * 0.8);
  });

  it('a stream cut one byte short still reports the truncation', async () => {
    const out = await decompressBytes(c.subarray(0, c.length - 1), algo);
    expect(out.error).toBeDefined();
    expect(goodPrefix(out.bytes)).toBe(out.bytes.length);
  });

  it('corrupted in the middle: a good prefix, and an error where a checksum can tell', { timeout: 30_000 }, async () => {
    const r = rng(5);
    for (let trial = 0; trial < 4; trial++) {
      const bad = Buffer.from(c);
      const at = Math.floor(c.length * (0.4 + 0.2 * r()));
      for (let i = 0; i < 16; i++) bad[at + i] = Math.floor(r() * 256);
      const out = await decompressBytes(bad, algo);
      // Raw deflate has no checksum: damage can decode to wrong bytes without an error.
      if (algo !== 'deflate') expect(out.error).toBeDefined();
      expect(goodPrefix(out.bytes)).toBeGreaterThan(data.length * 0.25);
    }
  });

  it('trailing garbage after a complete stream is reported, the data kept', async () => {
    const out = await decompressBytes(Buffer.concat([c, Buffer.from('garbage after the stream')]), algo);
    if (algo === 'deflate' || algo === 'brotli') {
      // Neither format can tell trailing bytes from the end of its stream framing alone;
      // zlib reports or ignores them. Either way every byte of the stream is kept.
      expect(goodPrefix(out.bytes)).toBe(data.length);
    } else {
      expect(out.error).toBeDefined();
      expect(out.bytes.equals(data)).toBe(true);
    }
  });

  it('an empty file and random bytes are errors, not exceptions', async () => {
    const empty = await decompressBytes(Buffer.alloc(0), algo);
    expect(empty.error?.message).toMatch(/empty/);
    const r = rng(9);
    const junk = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(r() * 256)));
    const out = await decompressBytes(junk, algo);
    if (algo !== 'deflate' && algo !== 'brotli') expect(out.error).toBeDefined();
  });
});

describe('LZ4 partial decoding (TypeScript decoder)', () => {
  it('keeps the complete sequences of a cut block', async () => {
    const c = compressed.get('lz4')!;
    for (const frac of [0.3, 0.77]) {
      const out = (await decodeLz4Frames(c.subarray(0, Math.floor(c.length * frac))));
      expect(out.error?.message).toMatch(/truncated/);
      expect(goodPrefix(out.bytes)).toBe(out.bytes.length);
      expect(out.bytes.length).toBeGreaterThan(data.length * frac * 0.8);
    }
  });

  it('reports a content checksum mismatch with the decoded bytes', async () => {
    const c = Buffer.from(compressed.get('lz4')!);
    c[c.length - 2]! ^= 0xff;
    const out = (await decodeLz4Frames(c));
    expect(out.error?.message).toMatch(/content checksum/);
    expect(out.bytes.equals(data)).toBe(true);
  });
});
