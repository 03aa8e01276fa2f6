import { readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { applyCompaction } from '../../../core/checkpoint/compact-apply.js';
import { planCompaction } from '../../../core/checkpoint/compact-plan.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { begin, del, ins, makeStore, rollback, treeSnapshot, upd, type EntrySpec, type TestStore } from '../store/store-fixture.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

const NOW = 1_800_000_000;
const TX = 'tx' + '7'.repeat(30);

async function store(docs: Record<string, string>, log: readonly EntrySpec[], deleted?: Record<string, string>): Promise<TestStore> {
  const s = await makeStore(docs, log, deleted ? { deleted } : {});
  stores.push(s);
  return s;
}

/** Sentinel's rules pass it, yet the plan must refuse, saying why, and apply must change nothing. */
async function expectBlocked(s: TestStore, kind: string, documentId: string, text: RegExp): Promise<void> {
  const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW, keep: 0 });
  expect(plan.verification.passed).toBe(true);
  expect(plan.blockers).toEqual([expect.objectContaining({ kind, documentId, segment: 'transactions.wal', offset: expect.any(Number) })]);
  expect(plan.blockers[0]!.description).toMatch(text);
  expect(plan.refused).toContain(plan.blockers[0]!.description);
  const snap = await treeSnapshot(s.root);
  await expect(applyCompaction(plan)).rejects.toMatchObject({ code: 'NOT_VERIFIED' });
  expect(await treeSnapshot(s.root)).toEqual(snap);
}

describe('compaction removes only what the store reflects exactly', () => {
  it('a Delete the store never applied blocks it', async () => {
    const s = await store({ a: '{}', b: '{"x":1}' }, [ins('a', '{}'), ins('b', '{"x":1}'), del('b')]);
    await expectBlocked(s, 'deleted-still-on-disk', 'b', /Document b is deleted by the log but still on disk/);
  });

  it('a deleted document whose .deleted/ copy is missing blocks it', async () => {
    const s = await store({ a: '{}' }, [ins('a', '{}'), ins('b', '{"x":1}'), del('b')]);
    await expectBlocked(s, 'deleted-copy-missing', 'b', /soft-deleted copy \.deleted\/b\.json is missing/);
  });

  it('a .deleted/ copy that does not hold what the log had before the Delete blocks it', async () => {
    const s = await store({}, [ins('b', '{"x":1}'), del('b')], { b: '{"x":2}' });
    await expectBlocked(s, 'deleted-copy-differs', 'b', /does not hold what the log had for b/);
  });

  it('a rolled-back Insert that is on disk blocks it', async () => {
    const s = await store({ c: '{"n":1}' }, [begin(TX), ins('c', '{"n":1}', TX), rollback(TX)]);
    await expectBlocked(s, 'uncommitted-on-disk', 'c', /Insert of c in transaction .* was rolled back, is on disk/);
  });

  it('a rolled-back Update that is on disk blocks it', async () => {
    const s = await store({ a: '{"v":2}' }, [ins('a', '{"v":1}'), begin(TX), upd('a', '{"v":2}', TX), rollback(TX)]);
    await expectBlocked(s, 'uncommitted-on-disk', 'a', /Update of a in transaction .* was rolled back, is on disk/);
  });

  it('a never-committed write that is on disk blocks it', async () => {
    const s = await store({ d: '{}' }, [begin(TX), ins('d', '{}', TX)]);
    await expectBlocked(s, 'uncommitted-on-disk', 'd', /Insert of d in transaction .* was never committed, is on disk/);
  });

  it('goes ahead when every Delete\'s copy holds the document as the store had it (updates deep-merged)', async () => {
    const log = [ins('b', '{"x":1,"y":{"p":1}}'), upd('b', '{"y":{"q":2}}'), del('b'), begin(TX), ins('e', '{}', TX), rollback(TX)];
    const s = await store({}, log, { b: '{"x":1,"y":{"p":1,"q":2}}' });
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW });
    expect(plan.blockers).toEqual([]);
    expect(plan.refused).toBeNull();
    const r = await applyCompaction(plan);
    expect(r.sealed).toBe(`transactions.${NOW}.wal`);
    expect((await readdir(s.walDir)).sort()).toEqual([`transactions.${NOW}.wal`, 'transactions.wal']);
  });

  it('re-checks the copies before removing: a copy gone since the preview stops the removal', async () => {
    const s = await store({}, [ins('b', '{"x":1}'), del('b')], { b: '{"x":1}' });
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW, keep: 0 });
    expect(plan.refused).toBeNull();
    expect(plan.remove).toHaveLength(1);
    const { rm } = await import('node:fs/promises');
    await rm(`${s.collDir}/.deleted/b.json`);
    const snap = await treeSnapshot(s.walDir);
    await expect(applyCompaction(plan)).rejects.toMatchObject({ code: 'STORE_CHANGED', message: expect.stringContaining('.deleted/b.json is missing') });
    expect(await treeSnapshot(s.walDir)).toEqual(snap);
  });
});
