import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli-in-process.js';
import { D, I, U } from '../core/history/history-fixture.js';
import { addCollection, storeWith } from '../core/restore/restore-fixture.js';
import { deletedData, liveData, treeSnapshot, type TestStore } from '../core/store/store-fixture.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

/** users: a on disk, b and c only in the log (c deleted again). */
async function store(): Promise<TestStore> {
  const s = await storeWith({ a: '{"v":1}' }, [I('a', '{"v":1}'), U('a', '{"v":2}'), I('b', '{"w":1}'), I('c', '{"x":1}'), D('c')]);
  stores.push(s);
  return s;
}

describe('recover --plan-out', () => {
  it('writes the plan and applies nothing; apply applies it; a second apply finds it done', async () => {
    const s = await store();
    const before = await treeSnapshot(s.storeDir);
    const plan = join(s.root, 'recover.plan.json');
    const r = await runCliCaptured(['recover', s.collDir, '--mode', 'safe', '--plan-out', plan]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 documents to change/);
    expect(r.stdout).toMatch(/plan written to .*recover\.plan\.json: review it, then apply it with `wal-inspector apply/);
    expect(await treeSnapshot(s.storeDir)).toEqual(before);
    expect(JSON.parse(await readFile(plan, 'utf8'))).toMatchObject({ format: 'wal-inspector.plan', kind: 'recover', reports: [{ collection: 'users', mode: 'safe' }] });
    const again = await runCliCaptured(['recover', s.collDir, '--mode', 'safe', '--plan-out', plan]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(plan);

    const applied = await runCliCaptured(['apply', plan, '--yes', '--json']);
    expect(applied.stderr).toBe('');
    expect(JSON.parse(applied.stdout)).toMatchObject({ kind: 'recover', applied: { written: 3, already_done: 0, plan_file: plan }, collections: [{ dry_run: false }] });
    expect(await liveData(s.collDir)).toEqual({ a: '{"v":2}', b: '{"w":1}' });
    expect(await deletedData(s.collDir)).toEqual({ c: '{"x":1}' });
    const twice = await runCliCaptured(['apply', plan, '--yes']);
    expect(twice.code).toBe(0);
    expect(twice.stdout).toMatch(/applied 0 changes \(3 already done\)/);
  });

  it('apply refuses a changed document, naming it, and changes nothing', async () => {
    const s = await store();
    const plan = join(s.root, 'p.json');
    await runCliCaptured(['recover', s.collDir, '--mode', 'force', '--plan-out', plan]);
    const doc = join(s.collDir, 'a.json');
    await writeFile(doc, (await readFile(doc, 'utf8')).replace('"v": 1', '"v": 7'));
    const before = await treeSnapshot(s.storeDir);
    const refused = await runCliCaptured(['apply', plan, '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(doc);
    expect(await treeSnapshot(s.storeDir)).toEqual(before);
  });

  it('a store root: every collection in one plan, --json prints the store preview', async () => {
    const s = await store();
    const orders = await addCollection(s.storeDir, 'orders', {}, [I('o1', '{"n":1}')]);
    const plan = join(s.root, 'store.plan.json');
    const r = await runCliCaptured(['recover', s.storeDir, '--mode', 'safe', '--plan-out', plan, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ document_changes: 4, collections: [{ collection: 'orders' }, { collection: 'users' }] });
    const applied = await runCliCaptured(['apply', plan, '--yes']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/applied 4 changes/);
    expect(await liveData(orders)).toEqual({ o1: '{"n":1}' });
    expect(await liveData(s.collDir)).toEqual({ a: '{"v":2}', b: '{"w":1}' });
  });
});
