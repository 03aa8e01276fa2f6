import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compressBytes, decompressBytes } from '../../../../core/wal/compression/index.js';
import { locateLog } from '../../../../core/wal/log-location.js';
import { readLog } from '../../../../core/wal/read-log.js';
import { planRepair, writeRepairedLog } from '../../../../core/wal/repair/repair-log.js';
import type { WalRecord } from '../../../../core/wal/records.js';
import { tempDir } from '../../inspector/support/inspector-fixtures.js';
import { concat, entryOfSize, flipBits, seededLog } from './repair-fixtures.js';

async function records(p: string): Promise<WalRecord[]> {
  const out: WalRecord[] = [];
  for await (const r of readLog(await locateLog(p))) out.push(r);
  return out;
}

describe('writeRepairedLog', () => {
  it('a segment with 40 single-bit errors comes back byte for byte, and re-reads with no damage', async () => {
    const log = seededLog(600, 1);
    const damaged = flipBits(log, 40, 2);
    const dir = tempDir('repair-');
    const input = path.join(dir, 'in.wal');
    fs.writeFileSync(input, damaged.bytes);
    expect((await records(input)).some((r) => r.kind === 'damage')).toBe(true);
    const out = path.join(dir, 'out.wal');
    const r = await writeRepairedLog(await locateLog(input), out);
    expect([r.repaired, r.unrepaired, r.leftOut]).toEqual([40, 0, []]);
    expect(r.repairs.map((x) => x.offset)).toEqual(damaged.hit.map((i) => log.spans[i]![0]));
    for (const x of r.repairs) {
      expect(damaged.bytes[x.byteOffset]).toBe(x.before);
      expect(log.bytes[x.byteOffset]).toBe(x.after);
      expect(x.byteOffset).toBe(x.offset + (x.bit >> 3));
    }
    expect(Buffer.from(fs.readFileSync(out)).equals(Buffer.from(log.bytes))).toBe(true);
    expect((await records(out)).filter((x) => x.kind === 'damage')).toEqual([]);
    expect(fs.readdirSync(dir).sort()).toEqual(['in.wal', 'out.wal']);
    // The preview says the same and writes nothing.
    const plan = await planRepair(await locateLog(input));
    expect(plan.repairs).toEqual(r.repairs);
    expect(plan.entries).toBe(600 - 40);
  });

  it('leaves out what one bit cannot explain (two bits, a zeroed run), keeps every other entry', async () => {
    const log = seededLog(50, 3);
    const bytes = log.bytes.slice();
    const [a0] = log.spans[10]!;
    bytes[a0 + 40] = bytes[a0 + 40]! ^ 1; // one bit: repaired
    const [b0] = log.spans[20]!;
    bytes[b0 + 40] = bytes[b0 + 40]! ^ 2;
    bytes[b0 + 45] = bytes[b0 + 45]! ^ 8; // two bits: left out
    const [c0] = log.spans[30]!;
    bytes.fill(0, c0 + 10, c0 + 30); // zeroed: left out
    const dir = tempDir('repair-');
    const input = path.join(dir, 'in.wal');
    fs.writeFileSync(input, bytes);
    const out = path.join(dir, 'out.wal');
    const r = await writeRepairedLog(await locateLog(input), out);
    expect(r.repaired).toBe(1);
    expect(r.leftOut.map((x) => [x.offset, x.length, x.reason])).toEqual([
      [b0, log.spans[20]![1] - b0, 'not-one-bit'], [c0, log.spans[30]![1] - c0, 'not-one-bit'],
    ]);
    const expected = concat(log.spans.filter((_, i) => i !== 20 && i !== 30).map(([s, e]) => log.bytes.subarray(s, e)));
    expect(Buffer.from(fs.readFileSync(out)).equals(Buffer.from(expected))).toBe(true);
    const reread = await records(out);
    expect(reread.filter((x) => x.kind === 'damage')).toEqual([]);
    expect(reread.length).toBe(48);
  });

  it('never overwrites: an existing output is refused by name and nothing is left behind', async () => {
    const dir = tempDir('repair-');
    const input = path.join(dir, 'in.wal');
    fs.writeFileSync(input, entryOfSize(10, 1));
    const out = path.join(dir, 'out.wal');
    fs.writeFileSync(out, 'keep me');
    await expect(writeRepairedLog(await locateLog(input), out)).rejects.toMatchObject({ code: 'OUTPUT_EXISTS', message: expect.stringContaining(out) });
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    fs.mkdirSync(path.join(dir, '.wal'));
    fs.copyFileSync(input, path.join(dir, '.wal', 'transactions.wal'));
    fs.mkdirSync(path.join(dir, 'outdir'));
    await expect(writeRepairedLog(await locateLog(dir), path.join(dir, 'outdir'))).rejects.toMatchObject({ code: 'OUTPUT_EXISTS' });
    expect(fs.readdirSync(dir).sort()).toEqual(['.wal', 'in.wal', 'out.wal', 'outdir']);
    expect(fs.readdirSync(path.join(dir, 'outdir'))).toEqual([]);
  });

  it('a chain: an undamaged compressed segment is copied as it is, a damaged one re-compressed the same way', async () => {
    const dir = tempDir('repair-');
    const wal = path.join(dir, '.wal');
    fs.mkdirSync(wal);
    const logs = [seededLog(80, 10), seededLog(80, 11), seededLog(80, 12)];
    const damagedZst = flipBits(logs[1]!, 3, 13).bytes;
    const active = flipBits(logs[2]!, 2, 14).bytes;
    const clean = await compressBytes(logs[0]!.bytes, 'zstd');
    fs.writeFileSync(path.join(wal, 'transactions.1700000000.wal.zst'), clean);
    fs.writeFileSync(path.join(wal, 'transactions.1700000100.wal.zst'), await compressBytes(damagedZst, 'zstd'));
    fs.writeFileSync(path.join(wal, 'transactions.wal'), active);
    const out = path.join(dir, 'repaired');
    const r = await writeRepairedLog(await locateLog(dir), out);
    expect([r.repaired, r.unrepaired]).toEqual([5, 0]);
    expect(r.segments.map((s) => [s.name, s.output, s.copied, s.repaired])).toEqual([
      ['transactions.1700000000.wal.zst', 'transactions.1700000000.wal.zst', true, 0],
      ['transactions.1700000100.wal.zst', 'transactions.1700000100.wal.zst', false, 3],
      ['transactions.wal', 'transactions.wal', false, 2],
    ]);
    expect(fs.readdirSync(out).sort()).toEqual(['transactions.1700000000.wal.zst', 'transactions.1700000100.wal.zst', 'transactions.wal']);
    expect(fs.readFileSync(path.join(out, 'transactions.1700000000.wal.zst')).equals(clean)).toBe(true);
    const unz = await decompressBytes(fs.readFileSync(path.join(out, 'transactions.1700000100.wal.zst')), 'zstd');
    expect(Buffer.from(unz.bytes).equals(Buffer.from(logs[1]!.bytes))).toBe(true);
    expect(Buffer.from(fs.readFileSync(path.join(out, 'transactions.wal'))).equals(Buffer.from(logs[2]!.bytes))).toBe(true);
    expect((await records(out)).filter((x) => x.kind === 'damage')).toEqual([]);
    expect(fs.readdirSync(dir).sort()).toEqual(['.wal', 'repaired']);
  });

  it('JSON Lines: a damaged line is left out with its newline (no checksum says which byte is wrong)', async () => {
    const dir = tempDir('repair-');
    const input = path.join(dir, 'in.jsonl');
    const good = '{"collection":"users","data":null,"document_id":"u-1","entry_type":"Delete","timestamp":1,"transaction_id":"tz4a98xxat96iws9zmbrgj3a1qjnv9b2"}';
    fs.writeFileSync(input, `${good}\n{"collection":broken\n${good}\n`);
    const out = path.join(dir, 'out.jsonl');
    const r = await writeRepairedLog(await locateLog(input), out);
    expect(r.leftOut.map((x) => x.reason)).toEqual(['no-checksum']);
    expect(fs.readFileSync(out, 'utf8')).toBe(`${good}\n${good}\n`);
  });

  it('cancelled: ABORTED, nothing at the destination and no staging directory left', async () => {
    const dir = tempDir('repair-');
    const input = path.join(dir, 'in.wal');
    fs.writeFileSync(input, flipBits(seededLog(50, 20), 3, 21).bytes);
    const ac = new AbortController();
    ac.abort();
    await expect(writeRepairedLog(await locateLog(input), path.join(dir, 'out.wal'), { signal: ac.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(fs.readdirSync(dir)).toEqual(['in.wal']);
  });

  it('a compressed segment that stops decompressing: its entries up to there, re-compressed; the rest left out as stream-stops', async () => {
    const dir = tempDir('repair-');
    const wal = path.join(dir, '.wal');
    fs.mkdirSync(wal);
    const log = seededLog(400, 30);
    // gzip hands over what it decoded before the stream breaks off (a zstd frame cut short gives nothing).
    const gz = await compressBytes(log.bytes, 'gzip');
    fs.writeFileSync(path.join(wal, 'transactions.1700000000.wal.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    fs.writeFileSync(path.join(wal, 'transactions.wal'), seededLog(5, 31).bytes);
    const out = path.join(dir, 'out');
    const r = await writeRepairedLog(await locateLog(dir), out);
    expect(r.leftOut.map((x) => x.reason)).toContain('stream-stops');
    expect(r.repaired).toBe(0);
    const reread = await records(out);
    expect(reread.filter((x) => x.kind === 'damage')).toEqual([]);
    expect(reread.length).toBe(r.entries);
    // What it kept is a prefix of the segment's entries, byte for byte.
    const kept = await decompressBytes(fs.readFileSync(path.join(out, 'transactions.1700000000.wal.gz')), 'gzip');
    expect(kept.bytes.length).toBeGreaterThan(0);
    expect(Buffer.from(log.bytes.subarray(0, kept.bytes.length)).equals(Buffer.from(kept.bytes))).toBe(true);
    expect(log.spans.some(([, e]) => e === kept.bytes.length)).toBe(true);
  });
});
