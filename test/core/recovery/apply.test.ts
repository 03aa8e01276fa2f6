import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRecovery } from '../../../core/recovery/apply-recovery.js';
import { FsCollection } from '../../../core/store/fs-collection.js';
import { del, documentText, ins, makeStore, treeSnapshot, upd } from '../store/store-fixture.js';
import { cleanupStores, planOn, recoverOn } from './recover-helper.js';

afterEach(cleanupStores);

describe('applying a plan', () => {
  it('backs up every file it changes (with a manifest), and the plan wrote nothing', async () => {
    const s = await makeStore({ a: '{"v":1}', b: '{"v":1}', keep: '{}' }, [upd('a', '{"v":2}'), del('b'), ins('c', '{}')], { deleted: { b: '{"old":1}' } });
    const before = await treeSnapshot(s.collDir);
    const plan = await planOn(s, 'safe');
    expect(await treeSnapshot(s.collDir)).toEqual(before);
    const origA = await readFile(join(s.collDir, 'a.json'));
    const origB = await readFile(join(s.collDir, 'b.json'));
    const oldTrash = await readFile(join(s.collDir, '.deleted', 'b.json'));
    const r = await applyRecovery(plan, await FsCollection.open(s.collDir));
    expect(r.backup).toMatch(/\.backups\/recover-\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{6}$/);
    expect(await readFile(join(r.backup!, 'a.json'))).toEqual(origA);
    expect(await readFile(join(r.backup!, 'b.json'))).toEqual(origB);
    expect(await readFile(join(r.backup!, '.deleted', 'b.json'))).toEqual(oldTrash);
    const manifest = JSON.parse(await readFile(join(r.backup!, 'manifest.json'), 'utf8'));
    expect(manifest.files).toEqual([
      { path: 'a.json', existed: true }, { path: 'b.json', existed: true }, { path: '.deleted/b.json', existed: true }, { path: 'c.json', existed: false },
    ]);
    expect(await readFile(join(s.collDir, '.deleted', 'b.json'))).toEqual(origB);
    await s.cleanup();
  });

  it('documents it does not change keep every byte', async () => {
    const r = await recoverOn({ a: '{"v":1}', b: '{"v":1}' }, [upd('a', '{"v":2}'), ins('b', '{"v":9}')], 'safe');
    expect(await readFile(join(r.store.collDir, 'b.json'), 'utf8')).toBe(await documentText('b', '{"v":1}'));
  });

  it('refuses if a file it will change changed since the plan, and writes nothing', async () => {
    const s = await makeStore({ a: '{"v":1}' }, [upd('a', '{"v":2}'), ins('n', '{}')]);
    const plan = await planOn(s, 'safe');
    await writeFile(join(s.collDir, 'a.json'), await documentText('a', '{"v":5}'));
    const snap = await treeSnapshot(s.collDir);
    await expect(applyRecovery(plan, await FsCollection.open(s.collDir))).rejects.toMatchObject({ code: 'STORE_CHANGED' });
    expect(await treeSnapshot(s.collDir)).toEqual(snap);
    await s.cleanup();
  });

  it('refuses if a document it will create appeared since the plan', async () => {
    const s = await makeStore({}, [ins('n', '{}')]);
    const plan = await planOn(s, 'force');
    await writeFile(join(s.collDir, 'n.json'), await documentText('n', '{"other":1}'));
    await expect(applyRecovery(plan, await FsCollection.open(s.collDir))).rejects.toMatchObject({ code: 'STORE_CHANGED' });
    await s.cleanup();
  });

  it('refuses a plan made for another collection', async () => {
    const a = await makeStore({}, [ins('n', '{}')]);
    const b = await makeStore({}, [], { collection: 'orders' });
    const plan = await planOn(a, 'force');
    await expect(applyRecovery(plan, await FsCollection.open(b.collDir))).rejects.toMatchObject({ code: 'INVALID_PLAN' });
    await a.cleanup();
    await b.cleanup();
  });

  it('a delete of a document the log changed first leaves the changed copy in .deleted/', async () => {
    const r = await recoverOn({ a: '{"v":1}' }, [upd('a', '{"v":2}'), del('a')], 'safe');
    expect(r.live).toEqual({});
    expect(r.deleted).toEqual({ a: '{"v":2}' });
    const copy = JSON.parse(await readFile(join(r.store.collDir, '.deleted', 'a.json'), 'utf8'));
    expect(copy.data).toEqual({ v: 2 });
  });

  it('is idempotent: applying the same recovery twice gives the same store, the second plan has no changes', async () => {
    for (const mode of ['safe', 'force'] as const) {
      const r = await recoverOn({ a: '{"v":1}', d: '{}' }, [ins('a', '{"v":1}'), upd('a', '{"v":2,"w":{"x":1}}'), ins('b', '{}'), del('d'), upd('b', '{"k":[1]}')], mode);
      const first = await treeSnapshot(r.store.collDir);
      const again = await r.replan();
      expect(again.changes).toEqual([]);
      await applyRecovery(again, await FsCollection.open(r.store.collDir));
      expect(await treeSnapshot(r.store.collDir)).toEqual(first);
    }
  });

  it('with backups off, nothing but the documents changes; no temporary file stays', async () => {
    const r = await recoverOn({ a: '{"v":1}' }, [upd('a', '{"v":2}'), ins('b', '{}'), del('a')], 'force');
    expect((await readdir(r.store.collDir)).sort()).toEqual(['.deleted', '.wal', 'b.json']);
    expect(r.deleted).toEqual({ a: '{"v":2}' });
    expect(r.backup).toBeNull();
  });
});
