import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CompressionAlgorithm } from '../../../../core/wal/compression/index.js';
import { WalWriter } from '../../../../core/wal/writer/index.js';
import { WRITER_LOCK_NAME } from '../../../../core/wal/writer/writer-lock.js';
import { makeEntries, tempDir } from '../compression/wal-bytes.js';
import { readBack, same } from './read-back.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('wal-writer-c-'));
});
afterEach(() => cleanup());

const EXT = { zstd: '.zst', lz4: '.lz4', brotli: '.br', deflate: '.deflate', gzip: '.gz' } as const;

describe.each(Object.keys(EXT) as CompressionAlgorithm[])('rotated segments compressed with %s', (algo) => {
  it('round trip: compressed names, no uncompressed leftovers, entries in order', async () => {
    let t = 1_700_000_000_000;
    const entries = makeEntries(250, 9);
    const w = await WalWriter.open(dir, { maxRecordsPerFile: 60, compression: algo }, { clock: () => (t += 1000) });
    for (let i = 0; i < entries.length; i += 25) await w.appendMany(entries.slice(i, i + 25));
    expect(await w.flushBackground()).toEqual([]);
    const names = (await readdir(dir)).sort();
    // The writer is open: its lock is there beside the segments.
    expect(names).toEqual([WRITER_LOCK_NAME, ...[1, 2, 3, 4].map((i) => `transactions.${1_700_000_000 + i}.wal${EXT[algo]}`), 'transactions.wal']);
    await w.close();
    expect(await readdir(dir)).not.toContain(WRITER_LOCK_NAME);
    const segs = await readBack(dir);
    expect(segs.map((s) => s.entries.length)).toEqual([60, 60, 60, 60, 10]);
    expect(same(segs.flatMap((s) => s.entries), entries)).toBe(true);
  });
});

describe('background compression', () => {
  it('close() waits for pending compressions', async () => {
    const w = await WalWriter.open(dir, { maxRecordsPerFile: 100, compression: 'brotli' }, { clock: () => 1_700_000_000_000 });
    await w.appendMany(makeEntries(1001, 10));
    await w.close();
    const names = await readdir(dir);
    expect(names.filter((n) => n.endsWith('.wal') && n !== 'transactions.wal')).toEqual([]);
    expect(names.filter((n) => n.endsWith('.br'))).toHaveLength(10);
  });

  it('steps over a name taken by a compressed variant', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${dir}/transactions.1700000000.wal.zst`, 'not ours');
    const w = await WalWriter.open(dir, { maxRecordsPerFile: 1, compression: 'zstd' }, { clock: () => 1_700_000_000_000 });
    await w.appendMany(makeEntries(2, 11));
    expect(await w.flushBackground()).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual([WRITER_LOCK_NAME, 'transactions.1700000000-1.wal.zst', 'transactions.1700000000.wal.zst', 'transactions.wal']);
    await w.close();
  });

  it('reports a failed compression and keeps the uncompressed segment', async () => {
    const { mkdir } = await import('node:fs/promises');
    // A directory (not a segment file) occupies the compressed name: compression must not replace it.
    await mkdir(`${dir}/transactions.1700000000.wal.zst`);
    const seen: unknown[] = [];
    const w = await WalWriter.open(dir, { maxRecordsPerFile: 1, compression: 'zstd' }, { clock: () => 1_700_000_000_000, onBackgroundError: (e) => seen.push(e) });
    await w.appendMany(makeEntries(2, 11));
    const errors = await w.flushBackground();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'OUTPUT_EXISTS' });
    expect(seen).toEqual(errors);
    expect(await w.flushBackground()).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual([WRITER_LOCK_NAME, 'transactions.1700000000.wal', 'transactions.1700000000.wal.zst', 'transactions.wal']);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await w.close();
  });
});
