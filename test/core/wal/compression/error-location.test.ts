import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compressBytes, type CompressionAlgorithm } from '../../../../core/wal/compression/index.js';
import { locateLog } from '../../../../core/wal/log-location.js';
import { readLog } from '../../../../core/wal/read-log.js';
import type { DamageRecord } from '../../../../core/wal/records.js';
import { walBytesOfSize } from './wal-bytes.js';

/** A segment that stops decompressing says which file, and where in the compressed and decompressed bytes. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-compress-where-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const EXT: Record<CompressionAlgorithm, string> = { zstd: 'zst', lz4: 'lz4', brotli: 'br', deflate: 'deflate', gzip: 'gz' };

describe.each(['zstd', 'lz4', 'brotli', 'deflate', 'gzip'] as const)('%s segment cut short', (algo) => {
  it('its corrupt-compression record names the file and both offsets', async () => {
    const wal = path.join(dir, algo, '.wal');
    fs.mkdirSync(wal, { recursive: true });
    const whole = await compressBytes(walBytesOfSize(512 * 1024, 3), algo);
    const file = path.join(wal, `transactions.1732700000.wal.${EXT[algo]}`);
    const cut = Math.floor(whole.length * 0.6);
    fs.writeFileSync(file, whole.subarray(0, cut));
    const records = [];
    for await (const r of readLog(await locateLog(wal))) records.push(r);
    const broken = records.filter((r): r is DamageRecord => r.kind === 'damage' && r.damage === 'corrupt-compression');
    expect(broken).toHaveLength(1);
    const d = broken[0]!;
    expect(d.detail).toContain(file);
    const m = /at compressed byte (\d+) of (\d+), decompressed byte (\d+)/.exec(d.detail);
    expect(m, d.detail).not.toBeNull();
    expect(Number(m![2])).toBe(cut);
    expect(Number(m![1])).toBeLessThanOrEqual(cut);
    expect(Number(m![3])).toBe(d.offset);
    expect(d.offset).toBeGreaterThan(0);
  });
});
