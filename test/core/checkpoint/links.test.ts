import { mkdtemp, rename, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyCompaction } from '../../../core/checkpoint/compact-apply.js';
import { planCompaction } from '../../../core/checkpoint/compact-plan.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { del, ins, makeStore, treeSnapshot, upd, type TestStore } from '../store/store-fixture.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const NOW = 1_800_000_000;

async function consistent(): Promise<TestStore> {
  const s = await makeStore({ a: '{"v":2}' }, [ins('a', '{"v":1}'), upd('a', '{"v":2}'), ins('b', '{}'), del('b')], { deleted: { b: '{}' } });
  cleanups.push(() => s.cleanup());
  return s;
}

/** Moves `path` elsewhere and leaves a symbolic link to it in its place; returns the target. */
async function replaceWithLink(path: string): Promise<string> {
  const elsewhere = await mkdtemp(join(tmpdir(), 'wal-inspector-link-target-'));
  cleanups.push(() => rm(elsewhere, { recursive: true, force: true }));
  const target = join(elsewhere, 'moved');
  await rename(path, target);
  await symlink(target, path);
  return elsewhere;
}

describe('checkpoint --compact never writes through a symbolic link', () => {
  it('a .wal directory that is a link: the preview says so and refuses; nothing is written where it points', async () => {
    const s = await consistent();
    const elsewhere = await replaceWithLink(s.walDir);
    const snap = await treeSnapshot(elsewhere);
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW, compression: 'gzip' });
    expect(plan.blockers).toEqual([expect.objectContaining({ kind: 'symlink', description: expect.stringContaining(`${s.walDir} is a symbolic link`) })]);
    expect(plan.refused).toContain('symbolic link');
    await expect(applyCompaction(plan)).rejects.toMatchObject({ code: 'NOT_VERIFIED' });
    expect(await treeSnapshot(elsewhere)).toEqual(snap);
  });

  it('a link put in place after the preview is refused by apply (LINK_REFUSED)', async () => {
    const s = await consistent();
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW });
    expect(plan.refused).toBeNull();
    const elsewhere = await replaceWithLink(s.walDir);
    const snap = await treeSnapshot(elsewhere);
    await expect(applyCompaction(plan)).rejects.toMatchObject({ code: 'LINK_REFUSED' });
    expect(await treeSnapshot(elsewhere)).toEqual(snap);
  });

  it('an active segment that is a link is refused: sealing would rename the link and compress its target', async () => {
    const s = await consistent();
    const elsewhere = await replaceWithLink(join(s.walDir, 'transactions.wal'));
    const snap = await treeSnapshot(elsewhere);
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW, compression: 'zstd' });
    expect(plan.blockers.map((b) => b.kind)).toEqual(['symlink']);
    expect(plan.blockers[0]!.description).toContain('transactions.wal is a symbolic link');
    await expect(applyCompaction(plan)).rejects.toMatchObject({ code: 'NOT_VERIFIED' });
    expect(await treeSnapshot(elsewhere)).toEqual(snap);
  });
});
