import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRecovery } from '../../../core/recovery/apply-recovery.js';
import { parseDocumentFile } from '../../../core/store/document-file.js';
import { FsCollection } from '../../../core/store/fs-collection.js';
import { makeStore, treeSnapshot, upd, type EntrySpec } from '../store/store-fixture.js';
import { planOn } from './recover-helper.js';

/** A small tmpfs to fill: needs root (we run as root here); skipped, saying so, elsewhere. */
function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = join(tmpdir(), `wal-inspector-mount-probe-${process.pid}`);
  try {
    execFileSync('mkdir', ['-p', probe]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe]);
    return true;
  } catch {
    return false;
  } finally {
    execFileSync('rm', ['-rf', probe]);
  }
}
const mountable = canMount();
const mounts: string[] = [];
afterEach(async () => {
  while (mounts.length) {
    const m = mounts.pop()!;
    execFileSync('umount', [join(m, 'disk')]);
    await rm(m, { recursive: true, force: true });
  }
});

/** A store of `docs` documents of about `size` bytes each, whose log rewrites each with `newSize` bytes, on a tmpfs of `diskKiB`. */
async function storeOnSmallDisk(docs: number, size: number, newSize: number, diskKiB: number): Promise<string> {
  const data: Record<string, string> = {};
  const log: EntrySpec[] = [];
  for (let i = 0; i < docs; i++) {
    data[`d${i}`] = JSON.stringify({ i, pad: 'a'.repeat(size) });
    log.push(upd(`d${i}`, JSON.stringify({ i, pad: 'b'.repeat(newSize) })));
  }
  const built = await makeStore(data, log);
  const m = await mkdtemp(join(tmpdir(), 'wal-inspector-full-'));
  const disk = join(m, 'disk');
  await mkdir(disk);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${diskKiB}k`, 'tmpfs', disk]);
  mounts.push(m);
  await cp(built.storeDir, join(disk, 'store'), { recursive: true });
  await built.cleanup();
  return join(disk, 'store', 'data', 'users');
}

async function everyDocumentWhole(coll: string): Promise<void> {
  for (const n of await readdir(coll)) {
    if (!n.endsWith('.json')) continue;
    expect(n.startsWith('.'), `${n} is a leftover temporary file`).toBe(false);
    expect(parseDocumentFile(await readFile(join(coll, n)), n.slice(0, -5)).ok, `${n} is whole`).toBe(true);
  }
  expect((await readdir(coll)).filter((n) => n.includes('.wal-inspector-tmp-'))).toEqual([]);
}

// Issue 10, items 15 and 16: ENOSPC must name the file; a backup that fills the disk leaves no partial folder.
describe.skipIf(!mountable)('a disk that fills up (a small tmpfs; needs root to mount)', () => {
  it('while writing documents: APPLY_FAILED naming the document being written, every document still whole', async () => {
    const coll = await storeOnSmallDisk(12, 100, 40_000, 720);
    const plan = await planOn({ collDir: coll } as never, 'force');
    const err = await applyRecovery(plan, await FsCollection.open(coll), { backup: false, concurrency: 1 }).catch((e: unknown) => e) as Error & { code: string; context: { file: string; documentId: string; applied: number } };
    expect(err.code).toBe('APPLY_FAILED');
    expect(err.context.file).toMatch(new RegExp(`^${coll}/d\\d+\\.json$`));
    expect(err.context.documentId).toBe(err.context.file.slice(coll.length + 1, -'.json'.length));
    expect(err.message).toContain(`writing ${err.context.file}: No space left on device (os error 28)`);
    await everyDocumentWhole(coll);
    // How far it got: exactly the documents that now hold the log's data.
    const documents = (await readdir(coll)).filter((n) => /^d\d+\.json$/.test(n));
    const texts = await Promise.all(documents.map((n) => readFile(join(coll, n), 'utf8')));
    const rewritten = texts.filter((t) => t.includes('"bbbb')).length;
    expect(rewritten).toBeGreaterThan(0);
    expect(err.context.applied).toBe(rewritten);
    expect(err.message).toContain(`${rewritten} of ${plan.changes.length} documents were written`);
  });

  it('while backing up: BACKUP_FAILED naming the backup file, nothing changed, no partial backup folder left', async () => {
    const coll = await storeOnSmallDisk(8, 30_000, 10, 320);
    const before = await treeSnapshot(coll);
    const plan = await planOn({ collDir: coll } as never, 'force');
    const err = await applyRecovery(plan, await FsCollection.open(coll)).catch((e: unknown) => e) as Error & { code: string; context: { file: string } };
    expect(err.code).toBe('BACKUP_FAILED');
    expect(err.context.file).toMatch(new RegExp(`^${coll}/\\.backups/recover-[^/]+/(d\\d+\\.json|manifest\\.json)$`));
    expect(err.message).toContain(`backup failed writing ${err.context.file}: No space left on device (os error 28)`);
    expect(err.message).toMatch(/nothing was changed; the partial backup .* was removed/);
    expect(await readdir(join(coll, '.backups'))).toEqual([]);
    expect(await treeSnapshot(coll, { skip: (rel) => rel.startsWith('.backups') })).toEqual(before);
  });
});
