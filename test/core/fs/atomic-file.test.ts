import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeStaleTemps, writeFileAtomic, writeFileNoClobber } from '../../../core/fs/atomic-file.js';
import { FsError } from '../../../core/fs/fs-error.js';

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await rm(dirs.pop()!, { recursive: true, force: true });
});
async function scratch(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'wal-inspector-fs-'));
  dirs.push(d);
  return d;
}

describe('one atomic-file module', () => {
  it('writeFileAtomic replaces, writeFileNoClobber refuses an existing file with OUTPUT_EXISTS naming it', async () => {
    const d = await scratch();
    const f = join(d, 'a.json');
    await writeFileAtomic(f, Buffer.from('one'));
    await writeFileAtomic(f, Buffer.from('two'));
    expect(await readFile(f, 'utf8')).toBe('two');
    const err = await writeFileNoClobber(f, async (fh) => void (await fh.write('three'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FsError);
    expect(err).toMatchObject({ code: 'OUTPUT_EXISTS', context: { file: f } });
    expect(await readFile(f, 'utf8')).toBe('two');
    expect(await readdir(d)).toEqual(['a.json']);
  });

  it('both write through the same temporary names, which removeStaleTemps recognises (older names too)', async () => {
    const d = await scratch();
    let seen: string[] = [];
    await writeFileNoClobber(join(d, 'out.wal'), async () => {
      seen = (await readdir(d)).filter((n) => n !== 'out.wal');
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(new RegExp(`^\\.out\\.wal\\.wal-inspector-tmp-${process.pid}-[0-9a-f]{12}\\.tmp$`));
    // A temp of a process that is gone (pid far above any pid_max), in both spellings; ours stays while we run.
    const dead = 2 ** 30;
    await writeFile(join(d, `.x.json.wal-inspector-tmp-${dead}-0123456789ab.tmp`), '');
    await writeFile(join(d, `.y.json.wal-inspector-tmp-${dead}-0123456789ab`), '');
    await writeFile(join(d, `.z.json.wal-inspector-tmp-${process.pid}-0123456789ab.tmp`), '');
    expect(await removeStaleTemps(d)).toBe(2);
    expect((await readdir(d)).sort()).toEqual([`.z.json.wal-inspector-tmp-${process.pid}-0123456789ab.tmp`, 'out.wal']);
  });
});
