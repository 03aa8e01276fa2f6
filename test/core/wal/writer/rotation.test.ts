import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeBinaryEntry } from '../../../../core/wal/binary-codec.js';
import { WRITER_LOCK_NAME } from '../../../../core/wal/writer/writer-lock.js';
import { WalWriter } from '../../../../core/wal/writer/index.js';
import { makeEntries, tempDir } from '../compression/wal-bytes.js';
import { decodeAll, readBack, same } from './read-back.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('wal-writer-'));
});
afterEach(() => cleanup());

/** A clock that moves one second per call: distinct rotation names. */
function ticking(start = 1_700_000_000_000): () => number {
  let t = start;
  return () => (t += 1000);
}

describe('rotation', () => {
  it('by record count: segments of max_records_per_file entries, in order', async () => {
    const entries = makeEntries(10);
    const w = await WalWriter.open(dir, { maxRecordsPerFile: 3, compression: 'none' }, { clock: ticking() });
    for (const e of entries) await w.append(e);
    expect(w.entryCount()).toBe(1);
    await w.close();
    const segs = await readBack(dir);
    expect(segs.map((s) => s.name)).toEqual(['transactions.1700000001.wal', 'transactions.1700000002.wal', 'transactions.1700000003.wal', 'transactions.wal']);
    expect(segs.map((s) => s.entries.length)).toEqual([3, 3, 3, 1]);
    expect(same(segs.flatMap((s) => s.entries), entries)).toBe(true);
  });

  it('by size: no segment passes max_file_size, the rule is checked before each entry', async () => {
    const entries = makeEntries(40, 3);
    const sizes = entries.map((e) => encodeBinaryEntry(e).length);
    const max = 1500;
    const w = await WalWriter.open(dir, { maxFileSize: max, maxRecordsPerFile: null, compression: 'none' }, { clock: ticking() });
    await w.appendMany(entries);
    await w.close();
    const segs = await readBack(dir);
    expect(same(segs.flatMap((s) => s.entries), entries)).toBe(true);
    let i = 0;
    for (const s of segs) {
      const bytes = (await stat(join(dir, s.name))).size;
      expect(bytes).toBeLessThanOrEqual(max);
      i += s.entries.length;
      // Rotated because the next entry would not fit.
      if (s.name !== 'transactions.wal') expect(bytes + sizes[i]!).toBeGreaterThan(max);
    }
  });

  it('an entry bigger than max_file_size is written to an empty segment, not rotated away empty', async () => {
    const [small, big] = makeEntries(2, 4);
    const huge = { ...big!, data: JSON.stringify({ blob: 'x'.repeat(5000) }) };
    const w = await WalWriter.open(dir, { maxFileSize: 1000, compression: 'none' }, { clock: ticking() });
    await w.append(huge);
    expect((await readdir(dir)).sort()).toEqual([WRITER_LOCK_NAME, 'transactions.wal']);
    await w.append(small!);
    await w.append(huge);
    await w.close();
    const segs = await readBack(dir);
    expect(segs.map((s) => s.entries.length)).toEqual([1, 1, 1]);
    for (const s of segs) expect((await stat(join(dir, s.name))).size).toBeGreaterThan(0);
  });

  it('rotating several times in one second never overwrites: -1, -2, …', async () => {
    const entries = makeEntries(9, 5);
    const w = await WalWriter.open(dir, { maxRecordsPerFile: 2, compression: 'none' }, { clock: () => 1_700_000_000_500 });
    for (const e of entries) await w.append(e);
    await w.close();
    const segs = await readBack(dir);
    expect(segs.map((s) => s.name)).toEqual([
      'transactions.1700000000.wal',
      'transactions.1700000000-1.wal',
      'transactions.1700000000-2.wal',
      'transactions.1700000000-3.wal',
      'transactions.wal',
    ]);
    expect(same(segs.flatMap((s) => s.entries), entries)).toBe(true);
  });

  it('same-second rotation also steps over compressed segments', async () => {
    const entries = makeEntries(7, 6);
    const w = await WalWriter.open(dir, { maxRecordsPerFile: 2, compression: 'gzip' }, { clock: () => 1_700_000_000_000 });
    for (const e of entries) await w.append(e);
    await w.close();
    expect((await readdir(dir)).sort()).toEqual(['transactions.1700000000-1.wal.gz', 'transactions.1700000000-2.wal.gz', 'transactions.1700000000.wal.gz', 'transactions.wal']);
    expect(same((await readBack(dir)).flatMap((s) => s.entries), entries)).toBe(true);
  });
});

describe('reopening', () => {
  it('counts the entries already in the active segment (the original restarts at 0)', async () => {
    const entries = makeEntries(8, 7);
    const w1 = await WalWriter.open(dir, { maxRecordsPerFile: 5, compression: 'none' }, { clock: ticking() });
    await w1.appendMany(entries.slice(0, 4));
    await w1.close();
    const w2 = await WalWriter.open(dir, { maxRecordsPerFile: 5, compression: 'none' }, { clock: ticking(1_800_000_000_000) });
    expect(w2.entryCount()).toBe(4);
    expect(w2.existing).toMatchObject({ entries: 4, damagedBytes: 0, format: 'binary' });
    await w2.appendMany(entries.slice(4));
    await w2.close();
    const segs = await readBack(dir);
    expect(segs.map((s) => s.entries.length)).toEqual([5, 3]);
    expect(same(segs.flatMap((s) => s.entries), entries)).toBe(true);
  });

  it('counts intact entries around a torn tail and appends after it', async () => {
    const entries = makeEntries(3, 8);
    const w1 = await WalWriter.open(dir, { compression: 'none' });
    await w1.appendMany(entries.slice(0, 2));
    await w1.close();
    const { appendFile } = await import('node:fs/promises');
    const torn = encodeBinaryEntry(entries[2]!).subarray(0, 40);
    await appendFile(join(dir, 'transactions.wal'), torn);
    const w2 = await WalWriter.open(dir, { compression: 'none' });
    expect(w2.existing).toMatchObject({ entries: 2, damagedBytes: 40 });
    await w2.append(entries[2]!);
    await w2.close();
    const bytes = await readFile(join(dir, 'transactions.wal'));
    const tail = decodeAll(bytes.subarray(bytes.length - encodeBinaryEntry(entries[2]!).length));
    expect(same(tail, [entries[2]!])).toBe(true);
  });

  it('refuses to mix formats in one segment', async () => {
    const w = await WalWriter.open(dir, { format: 'jsonl' });
    await w.append(makeEntries(1)[0]!);
    await w.close();
    await expect(WalWriter.open(dir, { format: 'binary' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', context: { field: 'format' } });
  });

  it('validates its configuration', async () => {
    await expect(WalWriter.open(dir, { maxRecordsPerFile: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', context: { field: 'maxRecordsPerFile' } });
    await expect(WalWriter.open(dir, { maxFileSize: -1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
