import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompressStream, type CompressionAlgorithm } from '../../../../core/wal/compression/index.js';
import { expansionLimit } from '../../../../core/wal/decompressed-segment.js';
import { REPO_ROOT } from '../../../support/paths.js';

/**
 * Decompression bombs of every compression, small on disk: each is opened in a fresh process
 * (peak RSS is per process) the way every reader opens a segment. Memory stays bounded
 * whatever the stream expands to; past the limit (16x the rotation size) the expansion is
 * reported naming the file; under a larger limit the whole stream is read (any size works).
 */
const run = promisify(execFile);
const MiB = 1024 * 1024;
const BOMB = 200 * MiB;
const EXT: Record<CompressionAlgorithm, string> = { zstd: 'zst', lz4: 'lz4', brotli: 'br', deflate: 'deflate', gzip: 'gz' };
let dir = '';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-bombs-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function bomb(algo: CompressionAlgorithm): Promise<string> {
  const file = path.join(dir, `transactions.1.wal.${EXT[algo]}`);
  if (algo === 'lz4') {
    const r = spawnSync('sh', ['-c', `head -c ${BOMB} /dev/zero | lz4 -q -c > "${file}"`]);
    if (r.status !== 0) throw new Error(`lz4: ${r.stderr}`);
    return file;
  }
  const zero = Buffer.alloc(MiB);
  await pipeline(async function* () {
    for (let i = 0; i < BOMB / MiB; i++) yield zero;
  }, createCompressStream(algo), fs.createWriteStream(file));
  return file;
}

async function open(file: string, algo: CompressionAlgorithm, limit: number | 'default') {
  const child = path.join(REPO_ROOT, 'test/core/wal/compression/bomb-child.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', child, file, algo, String(limit)], { cwd: REPO_ROOT, maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as { size: number; spilled: boolean; tailZero: boolean; error: string | null; peakRssMiB: number };
}

describe.each(['zstd', 'lz4', 'brotli', 'deflate', 'gzip'] as const)('a %s bomb of 200 MiB of zeros', (algo) => {
  it('past the limit: reported with the file, in bounded memory', { timeout: 120_000 }, async () => {
    const file = await bomb(algo);
    expect(fs.statSync(file).size).toBeLessThan(1 * MiB);
    const limit = expansionLimit();
    expect(limit).toBeLessThan(BOMB);
    const r = await open(file, algo, 'default');
    expect(r.size).toBe(limit);
    expect(r.error).toContain(file);
    expect(r.error).toMatch(/expands past \d+ bytes .* compressed byte \d+ of \d+, decompressed byte \d+/);
    expect(r.peakRssMiB).toBeLessThan(180);

    const whole = await open(file, algo, 256 * MiB);
    expect(whole.error).toBeNull();
    expect(whole.size).toBe(BOMB);
    expect(whole.spilled).toBe(true);
    expect(whole.tailZero).toBe(true);
    expect(whole.peakRssMiB).toBeLessThan(180);
  });
});
