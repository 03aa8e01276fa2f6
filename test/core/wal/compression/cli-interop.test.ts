import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressFile, decompressToBuffer, type CompressionAlgorithm } from '../../../../core/wal/compression/index.js';
import { tempDir, walBytesOfSize } from './wal-bytes.js';

/** The Debian command-line tools, both ways; raw deflate against Python's zlib (wbits=-15). */
const CLI: Record<Exclude<CompressionAlgorithm, 'deflate'>, { ext: string; compress: string[]; decompress: string[] }> = {
  zstd: { ext: '.zst', compress: ['zstd', '-q', '-c'], decompress: ['zstd', '-q', '-d', '-c'] },
  lz4: { ext: '.lz4', compress: ['lz4', '-q', '-c'], decompress: ['lz4', '-q', '-d', '-c'] },
  brotli: { ext: '.br', compress: ['brotli', '-q', '9', '-c'], decompress: ['brotli', '-d', '-c'] },
  gzip: { ext: '.gz', compress: ['gzip', '-n', '-c'], decompress: ['gzip', '-d', '-c'] },
};

function run(cmd: string[], file: string): Buffer {
  return execFileSync(cmd[0]!, [...cmd.slice(1), file], { maxBuffer: 1 << 28 });
}

const PY_INFLATE = 'import sys,zlib; d=zlib.decompressobj(wbits=-15); sys.stdout.buffer.write(d.decompress(open(sys.argv[1],"rb").read())+d.flush())';
const PY_DEFLATE = 'import sys,zlib; c=zlib.compressobj(6, zlib.DEFLATED, -15); sys.stdout.buffer.write(c.compress(open(sys.argv[1],"rb").read())+c.flush())';

let dir: string;
let cleanup: () => Promise<void>;
const data = walBytesOfSize(3 * 1024 * 1024, 3);

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  await writeFile(join(dir, 'src.wal'), data);
  await writeFile(join(dir, 'empty.wal'), Buffer.alloc(0));
});
afterAll(() => cleanup());

describe.each(Object.entries(CLI))('%s and its command-line tool', (algo, cli) => {
  it.each(['src', 'empty'])('the CLI decodes what we write (%s)', async (name) => {
    const dest = join(dir, `${name}.ours.wal${cli.ext}`);
    await compressFile(join(dir, `${name}.wal`), dest, algo as CompressionAlgorithm);
    const out = run(cli.decompress, dest);
    expect(out.equals(await readFile(join(dir, `${name}.wal`)))).toBe(true);
  });

  it.each(['src', 'empty'])('we decode what the CLI writes (%s)', async (name) => {
    const dest = join(dir, `${name}.cli.wal${cli.ext}`);
    await writeFile(dest, run(cli.compress, join(dir, `${name}.wal`)));
    const out = await decompressToBuffer(dest, algo as CompressionAlgorithm);
    expect(out.error).toBeUndefined();
    expect(out.bytes.equals(await readFile(join(dir, `${name}.wal`)))).toBe(true);
  });
});

describe('raw deflate and python zlib (wbits=-15)', () => {
  it('python inflates what we write', async () => {
    const dest = join(dir, 'src.ours.wal.deflate');
    await compressFile(join(dir, 'src.wal'), dest, 'deflate');
    expect(execFileSync('python3', ['-c', PY_INFLATE, dest], { maxBuffer: 1 << 28 }).equals(data)).toBe(true);
  });

  it('we inflate what python writes', async () => {
    const dest = join(dir, 'src.py.wal.deflate');
    await writeFile(dest, execFileSync('python3', ['-c', PY_DEFLATE, join(dir, 'src.wal')], { maxBuffer: 1 << 28 }));
    const out = await decompressToBuffer(dest, 'deflate');
    expect(out.error).toBeUndefined();
    expect(out.bytes.equals(data)).toBe(true);
  });
});
