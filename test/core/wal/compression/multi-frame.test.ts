import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressBytes, decompressBytes, decompressPieces } from '../../../../core/wal/compression/index.js';
import { decodeLz4Frames } from '../../../../core/wal/compression/lz4-frame.js';
import { makeEntries, tempDir, walBytes, walBytesOfSize } from './wal-bytes.js';

let dir: string;
let cleanup: () => Promise<void>;
const a = walBytes(makeEntries(300, 11));
const b = walBytesOfSize(1024 * 1024, 12);
const c = walBytes(makeEntries(5, 13));

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  await writeFile(join(dir, 'a'), a);
  await writeFile(join(dir, 'b'), b);
  await writeFile(join(dir, 'c'), c);
});
afterAll(() => cleanup());

const cli = (args: string[], file: string): Buffer => execFileSync(args[0]!, [...args.slice(1), join(dir, file)], { maxBuffer: 1 << 28 });

/** A skippable LZ4 frame (magic 0x184D2A5x) holding `n` arbitrary bytes. */
function skippable(n: number, nibble = 3): Buffer {
  const f = Buffer.alloc(8 + n, 0xab);
  f.writeUInt32LE(0x184d2a50 + nibble, 0);
  f.writeUInt32LE(n, 4);
  return f;
}

describe('concatenated streams', () => {
  it('zstd: every frame of `cat a.zst b.zst` (CLI and ours mixed)', async () => {
    const joined = Buffer.concat([cli(['zstd', '-q', '-c'], 'a'), await compressBytes(b, 'zstd'), cli(['zstd', '-q', '-c', '--no-check'], 'c')]);
    const out = await decompressBytes(joined, 'zstd');
    expect(out.error).toBeUndefined();
    expect(out.bytes.equals(Buffer.concat([a, b, c]))).toBe(true);
  });

  it('zstd: skippable frames are skipped', async () => {
    const skip = Buffer.alloc(12);
    skip.writeUInt32LE(0x184d2a50, 0);
    skip.writeUInt32LE(4, 4);
    const out = await decompressBytes(Buffer.concat([skip, await compressBytes(a, 'zstd'), skip]), 'zstd');
    expect(out.error).toBeUndefined();
    expect(out.bytes.equals(a)).toBe(true);
  });

  it('lz4: every frame, linked and independent, with skippable frames, streamed', async () => {
    const joined = Buffer.concat([
      cli(['lz4', '-q', '-c', '-BD'], 'a'),
      skippable(10),
      await compressBytes(b, 'lz4'),
      cli(['lz4', '-q', '-c', '-BX', '-B4', '--content-size'], 'c'),
      skippable(0, 15),
      cli(['lz4', '-q', '-c', '-l'], 'a'),
    ]);
    const out = await decodeLz4Frames(joined);
    expect(out.error).toBeUndefined();
    expect(out.bytes.equals(Buffer.concat([a, b, c, a]))).toBe(true);
  });

  it('gzip: every member of `cat a.gz b.gz`', async () => {
    const joined = Buffer.concat([cli(['gzip', '-n', '-c'], 'a'), await compressBytes(b, 'gzip'), cli(['gzip', '-c'], 'c')]);
    const out = await decompressBytes(joined, 'gzip');
    expect(out.error).toBeUndefined();
    expect(out.bytes.equals(Buffer.concat([a, b, c]))).toBe(true);
  });
});

describe('zstd frame whose output ends exactly at the decoder buffer size', () => {
  it('is complete, not truncated', async () => {
    // 200 MiB of zeros: the frame's last output fills the 128 KiB buffer exactly.
    const zeros = execFileSync('sh', ['-c', 'head -c 209715200 /dev/zero | zstd -q -c'], { maxBuffer: 1 << 24 });
    let n = 0;
    const r = await decompressPieces(async function* () { yield zeros; }, 'zstd', (p) => void (n += p.length));
    expect(r.error).toBeUndefined();
    expect(n).toBe(209715200);
  });
});
