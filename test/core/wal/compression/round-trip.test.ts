import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compressBytes,
  compressFile,
  createDecompressStream,
  decompressBytes,
  decompressToBuffer,
  type CompressionAlgorithm,
} from '../../../../core/wal/compression/index.js';
import { WalError } from '../../../../core/wal/wal-error.js';
import { makeEntries, tempDir, walBytes, walBytesOfSize } from './wal-bytes.js';

const ALGOS: CompressionAlgorithm[] = ['zstd', 'lz4', 'brotli', 'deflate', 'gzip'];
const EXT = { zstd: '.zst', lz4: '.lz4', brotli: '.br', deflate: '.deflate', gzip: '.gz' } as const;

let dir: string;
let cleanup: () => Promise<void>;
const small = walBytes(makeEntries(120));
const big = walBytesOfSize(6 * 1024 * 1024, 7);

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(() => cleanup());

describe.each(ALGOS)('%s round trip', (algo) => {
  it.each([
    ['empty', Buffer.alloc(0)],
    ['120 entries', small],
    ['6 MiB of entries', big],
  ])('%s through compressFile and decompressToBuffer', async (label, bytes) => {
    const src = join(dir, `${algo}-${label.replace(/\W/g, '')}.wal`);
    const dest = src + EXT[algo];
    await writeFile(src, bytes);
    const r = await compressFile(src, dest, algo);
    expect(r.bytesIn).toBe(bytes.length);
    expect(r.bytesOut).toBe((await readFile(dest)).length);
    const out = await decompressToBuffer(dest, algo);
    expect(out.error).toBeUndefined();
    expect(out.bytes.equals(bytes)).toBe(true);
  });

  it('compressBytes / decompressBytes agree', async () => {
    const c = await compressBytes(small, algo);
    expect(c.length).toBeLessThan(small.length);
    const out = await decompressBytes(c, algo);
    expect(out.error).toBeUndefined();
    expect(out.bytes.equals(small)).toBe(true);
  });

  it('decompresses as a stream', async () => {
    const c = await compressBytes(big, algo);
    const chunks: Buffer[] = [];
    await pipeline([c], createDecompressStream(algo), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) chunks.push(chunk);
    });
    expect(Buffer.concat(chunks).equals(big)).toBe(true);
  });

  it('never overwrites its destination and leaves no temporary file', async () => {
    const src = join(dir, `${algo}-keep.wal`);
    const dest = src + EXT[algo];
    await writeFile(src, small);
    await writeFile(dest, 'precious');
    const err = await compressFile(src, dest, algo).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WalError);
    expect((err as WalError).code).toBe('OUTPUT_EXISTS');
    expect(await readFile(dest, 'utf8')).toBe('precious');
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('stops with ABORTED when the signal fires', async () => {
    const src = join(dir, `${algo}-abort.wal`);
    await writeFile(src, small);
    const err = await compressFile(src, src + EXT[algo], algo, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((err as WalError).code).toBe('ABORTED');
    const err2 = await decompressBytes(await compressBytes(small, algo), algo, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((err2 as WalError).code).toBe('ABORTED');
  });

  it('honours maxBytes: the first maxBytes bytes and an error', async () => {
    const out = await decompressBytes(await compressBytes(big, algo), algo, { maxBytes: 1000 });
    expect(out.error?.message).toMatch(/exceeds the limit of 1000 bytes/);
    expect(out.bytes.equals(big.subarray(0, 1000))).toBe(true);
  });
});

describe('compression misuse', () => {
  it('refuses none and reports a missing source as NOT_FOUND', async () => {
    await expect(compressFile(join(dir, 'x'), join(dir, 'y'), 'none')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(compressFile(join(dir, 'missing.wal'), join(dir, 'missing.wal.zst'), 'zstd')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(decompressToBuffer(join(dir, 'missing.wal.zst'), 'zstd')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("'none' passes bytes through", async () => {
    const out = await decompressBytes(small, 'none');
    expect(out.bytes.equals(small)).toBe(true);
  });
});
