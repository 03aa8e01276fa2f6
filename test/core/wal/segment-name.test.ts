import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACTIVE_SEGMENT_NAME,
  compareSegments,
  listSegments,
  nextFreeRotatedName,
  parseSegmentName,
  rotatedName,
} from '../../../core/wal/segment-name.js';

describe('parseSegmentName', () => {
  it('reads the active, rotated and collision forms with every compression', () => {
    expect(parseSegmentName('transactions.wal')).toEqual({ kind: 'active' });
    expect(parseSegmentName('transactions.1732700009.wal')).toEqual({ kind: 'rotated', secs: 1732700009, seq: 0, compression: 'none' });
    expect(parseSegmentName('transactions.1732700009-2.wal.zst')).toEqual({ kind: 'rotated', secs: 1732700009, seq: 2, compression: 'zstd' });
    const exts = { '.lz4': 'lz4', '.br': 'brotli', '.deflate': 'deflate', '.gz': 'gzip' } as const;
    for (const [ext, c] of Object.entries(exts)) expect(parseSegmentName(`transactions.5.wal${ext}`)).toMatchObject({ compression: c });
  });

  it('refuses other names', () => {
    for (const name of ['transactions.wal.zst', 'transactions.x.wal', 'transactions.5.wal.xz', 'transactions.5-0.wal', 'transactions.5-.wal', 'wal.5.wal', 'Transactions.5.wal', 'transactions.5.WAL', '.transactions.5.wal.zst.abc.tmp', 'transactions.99999999999999999999.wal']) {
      expect(parseSegmentName(name), name).toBeNull();
    }
  });
});

describe('rotatedName', () => {
  it('formats the plain and the collision form', () => {
    expect(rotatedName(1732700009, 0)).toBe('transactions.1732700009.wal');
    expect(rotatedName(1732700009, 3, 'gzip')).toBe('transactions.1732700009-3.wal.gz');
    expect(() => rotatedName(-1, 0)).toThrow(RangeError);
    expect(() => rotatedName(1.5, 0)).toThrow(RangeError);
  });

  it('round-trips through parseSegmentName', () => {
    for (const seq of [0, 1, 12]) for (const c of ['none', 'zstd', 'lz4', 'brotli', 'deflate', 'gzip'] as const) {
      expect(parseSegmentName(rotatedName(42, seq, c))).toEqual({ kind: 'rotated', secs: 42, seq, compression: c });
    }
  });
});

describe('compareSegments', () => {
  it('orders rotated by (secs, seq) numerically, active last, strangers after', () => {
    const names = ['transactions.wal', 'notes.txt', 'transactions.100-10.wal', 'transactions.100-2.wal.zst', 'transactions.99.wal.gz', 'transactions.100.wal', 'transactions.1000.wal'];
    expect([...names].sort(compareSegments)).toEqual([
      'transactions.99.wal.gz',
      'transactions.100.wal',
      'transactions.100-2.wal.zst',
      'transactions.100-10.wal',
      'transactions.1000.wal',
      'transactions.wal',
      'notes.txt',
    ]);
  });
});

describe('directory operations', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'segname-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const touch = (name: string) => writeFile(join(dir, name), '');

  it('nextFreeRotatedName never reuses a name, compressed variants included', async () => {
    expect(await nextFreeRotatedName(dir, 7)).toBe('transactions.7.wal');
    await touch('transactions.7.wal.zst');
    expect(await nextFreeRotatedName(dir, 7)).toBe('transactions.7-1.wal');
    await touch('transactions.7-1.wal');
    await touch('transactions.7-2.wal.br');
    expect(await nextFreeRotatedName(dir, 7)).toBe('transactions.7-3.wal');
    expect(await nextFreeRotatedName(dir, 8)).toBe('transactions.8.wal');
  });

  it('nextFreeRotatedName keeps order after a gap: one past the highest n', async () => {
    await touch('transactions.7-4.wal.gz');
    expect(await nextFreeRotatedName(dir, 7)).toBe('transactions.7-5.wal');
  });

  it('listSegments orders the chain and prefers the uncompressed copy', async () => {
    for (const n of ['transactions.wal', 'transactions.20.wal', 'transactions.20.wal.zst', 'transactions.10.wal.lz4', 'transactions.20-1.wal.gz', 'transactions.20-1.wal.br', 'transactions.bad.wal', 'README']) await touch(n);
    await mkdir(join(dir, 'transactions.30.wal'));
    const { segments, warnings, duplicates } = await listSegments(dir);
    expect(segments.map((s) => s.name)).toEqual(['transactions.10.wal.lz4', 'transactions.20.wal', 'transactions.20-1.wal.br', 'transactions.wal']);
    expect(segments.map((s) => s.compression)).toEqual(['lz4', 'none', 'brotli', 'none']);
    expect(segments[3]).toMatchObject({ kind: 'active', path: join(dir, ACTIVE_SEGMENT_NAME) });
    expect(duplicates).toEqual([
      { file: 'transactions.20.wal.zst', readInstead: 'transactions.20.wal' },
      { file: 'transactions.20-1.wal.gz', readInstead: 'transactions.20-1.wal.br' },
    ]);
    // A directory named like a segment is reported, not skipped silently.
    expect(warnings).toHaveLength(4);
    expect(warnings.join('\n')).toMatch(/transactions\.30\.wal: a directory, not a regular file; not read/);
    expect(warnings.join('\n')).toMatch(/transactions\.20\.wal\.zst: duplicate of transactions\.20\.wal .*crash during compression/);
    expect(warnings.join('\n')).toMatch(/transactions\.bad\.wal: not a segment name/);
  });

  it('listSegments of a missing directory is NOT_FOUND', async () => {
    await expect(listSegments(join(dir, 'nope'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
