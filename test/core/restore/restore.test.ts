import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRestoreAt, planRestoreAt, type RestoreOptions } from '../../../core/inspector/use-cases/restore.js';
import { deletedData, liveData, treeSnapshot, type TestStore } from '../store/store-fixture.js';
import { D, I, T0, U, tx, type Step } from '../history/history-fixture.js';
import { addCollection, rotateCompressed, storeWith } from './restore-fixture.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});
async function store(docs: Record<string, string>, steps: Step[]): Promise<TestStore> {
  const s = await storeWith(docs, steps);
  stores.push(s);
  return s;
}
const ms = (n: number): string => String(T0 + BigInt(n));

async function restore(o: RestoreOptions) {
  const plan = await planRestoreAt(o);
  const done = await applyRestoreAt(plan);
  return { plan, done };
}

const X = tx('bad');
const L = tx('later');

describe('restore --until on a collection', () => {
  const steps: Step[] = [
    I('a', '{"n":1}', { at: 10 }), I('b', '{"v":"x"}', { at: 20 }), U('a', '{"n":2}', { at: 30 }),
    D('b', { at: 40 }), I('c', '{"k":1}', { at: 50 }), U('a', '{"n":3}', { at: 60 }),
  ];
  const now = { a: '{"n":3}', c: '{"k":1}', keep: '{"untouched":true}' };

  it('puts every document the log touches after T back to its state at T, keeps modes, backs up, and a second plan is empty', async () => {
    const s = await store(now, steps);
    await chmod(join(s.collDir, 'a.json'), 0o600);
    const { plan, done } = await restore({ store: s.collDir, until: ms(25) });
    expect(plan.report.changes.map((c) => [c.document_id, c.operation])).toEqual([['a', 'update'], ['b', 'insert'], ['c', 'delete']]);
    expect(await liveData(s.collDir)).toEqual({ a: '{"n":1}', b: '{"v":"x"}', keep: '{"untouched":true}' });
    expect(await deletedData(s.collDir)).toEqual({ c: '{"k":1}' });
    expect((await stat(join(s.collDir, 'a.json'))).mode & 0o777).toBe(0o600);
    expect(done.applied?.backups).toHaveLength(1);
    const manifest = JSON.parse(await readFile(join(done.applied!.backups[0]!, 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual(['.deleted/c.json', 'a.json', 'b.json', 'c.json']);
    const again = await planRestoreAt({ store: s.collDir, until: ms(25) });
    expect(again.operations).toEqual([]);
    expect(again.report.changes).toEqual([]);
  });

  it('the preview says how uncommitted work counts, and writes nothing', async () => {
    const s = await store(now, steps);
    const before = await treeSnapshot(s.storeDir);
    const plan = await planRestoreAt({ store: s.collDir, until: ms(25) });
    expect(plan.report.notes[0]).toMatch(/rolled-back and never-terminated transactions count as excluded/);
    expect(plan.report.selection.uncommitted).toBe('excluded');
    expect(await treeSnapshot(s.storeDir)).toEqual(before);
  });

  it('incomplete histories are listed and never written', async () => {
    const s = await store({ old: '{"v":0}' }, [U('old', '{"v":1}', { at: 1 }), U('old', '{"v":2}', { at: 5 })]);
    const { plan } = await restore({ store: s.collDir, until: ms(2) });
    expect(plan.report.incomplete).toEqual(['old']);
    expect(plan.operations).toEqual([]);
    expect(await liveData(s.collDir)).toEqual({ old: '{"v":0}' });
  });

  it('across a rotated zstd segment and the active one', async () => {
    const s = await store(now, []);
    const seg = await rotateCompressed(s.walDir, steps.slice(0, 3), steps.slice(3));
    expect(seg).toMatch(/\.zst$/);
    await restore({ store: s.collDir, until: ms(25) });
    expect(await liveData(s.collDir)).toEqual({ a: '{"n":1}', b: '{"v":"x"}', keep: '{"untouched":true}' });
    // A position in the compressed segment: through its second entry.
    const s2 = await store(now, []);
    await rotateCompressed(s2.walDir, steps.slice(0, 3), steps.slice(3));
    const plan = await planRestoreAt({ store: s2.collDir, until: `${seg}:0`, exclusive: true });
    expect(plan.report.changes.map((c) => [c.document_id, c.operation])).toEqual([['a', 'delete'], ['c', 'delete']]);
  });
});

describe('restore --exclude-tx', () => {
  const steps: Step[] = [
    I('p', '{"name":"x","price":1,"stock":5}'), I('q', '{"v":1}'),
    U('p', '{"name":"x","price":999,"stock":5}', { tx: X }), I('made', '{"v":1}', { tx: X }),
    U('p', '{"name":"x","price":999,"stock":4}', { tx: L }), U('q', '{"v":2}', { tx: X }), U('q', '{"v":3}', { tx: L }),
  ];
  const now = { p: '{"name":"x","price":999,"stock":4}', q: '{"v":3}', made: '{"v":1}' };

  it('undoes the transaction, keeps the later independent change, leaves the conflict as it is', async () => {
    const s = await store(now, steps);
    const { plan } = await restore({ store: s.collDir, exclude_tx: X });
    expect(plan.report.conflicts).toEqual([{ collection: 'users', document_id: 'q', paths: ['$.v'], transactions: [L], excluded_transactions: [X], resolution: 'keep' }]);
    expect(plan.report.excluded_entries).toBe(3);
    expect(await liveData(s.collDir)).toEqual({ p: '{"name":"x","price":1,"stock":4}', q: '{"v":3}' });
    expect(await deletedData(s.collDir)).toEqual({ made: '{"v":1}' });
  });

  it('--on-conflict later and excluded', async () => {
    const s1 = await store(now, steps);
    await restore({ store: s1.collDir, exclude_tx: X, on_conflict: 'later' });
    expect((await liveData(s1.collDir))['q']).toBe('{"v":3}');
    const s2 = await store(now, steps);
    await restore({ store: s2.collDir, exclude_tx: X, on_conflict: 'excluded' });
    expect((await liveData(s2.collDir))['q']).toBe('{"v":1}');
  });

  it('--document narrows it', async () => {
    const s = await store(now, steps);
    const { plan } = await restore({ store: s.collDir, exclude_tx: X, document: 'm*' });
    expect(plan.report.changes.map((c) => c.document_id)).toEqual(['made']);
  });
});

describe('restore --into', () => {
  const steps: Step[] = [I('a', '{"n":1}', { at: 1 }), U('a', '{"n":2}', { at: 5 }), I('b', '{"v":1}', { at: 6 })];

  it('a collection: DIR is the restored collection, the live store stays byte-identical, DIR is never overwritten', async () => {
    const s = await store({ a: '{"n":2}', b: '{"v":1}', other: '{"o":1}' }, steps);
    const before = await treeSnapshot(s.storeDir);
    const into = join(s.root, 'rehearsal');
    await restore({ store: s.collDir, until: ms(2), into });
    expect(await treeSnapshot(s.storeDir)).toEqual(before);
    expect(await liveData(into)).toEqual({ a: '{"n":1}', other: '{"o":1}' });
    expect(await deletedData(into)).toEqual({ b: '{"v":1}' });
    expect(await readFile(join(into, 'other.json'))).toEqual(await readFile(join(s.collDir, 'other.json')));
    expect((await readdir(into)).includes('.wal')).toBe(false);
    await expect(restore({ store: s.collDir, until: ms(2), into })).rejects.toMatchObject({ code: 'DESTINATION_EXISTS', context: { file: into } });
    expect(await treeSnapshot(s.storeDir)).toEqual(before);
  });

  it('a store of several collections: DIR is a new store root, every collection restored by its own log', async () => {
    const s = await store({ a: '{"n":2}', b: '{"v":1}' }, steps);
    await writeFile(join(s.storeDir, '.store.json'), '{}');
    await addCollection(s.storeDir, 'orders', { o1: '{"total":20}' }, [I('o1', '{"total":10}', { at: 1 }), U('o1', '{"total":20}', { at: 9 })]);
    await addCollection(s.storeDir, '.keys', { signing_key: '{"encrypted":"x","salt":"00"}' }, []);
    const before = await treeSnapshot(s.storeDir);
    const into = join(s.root, 'store-at-T');
    const { plan } = await restore({ store: s.storeDir, log: s.storeDir, until: ms(2), into });
    expect(plan.report.collections).toEqual(['orders', 'users']);
    expect(await treeSnapshot(s.storeDir)).toEqual(before);
    expect(await liveData(join(into, 'data', 'users'))).toEqual({ a: '{"n":1}' });
    expect(await liveData(join(into, 'data', 'orders'))).toEqual({ o1: '{"total":10}' });
    expect(await liveData(join(into, 'data', '.keys'))).toEqual({ signing_key: '{"encrypted":"x","salt":"00"}' });
    expect(await readFile(join(into, '.store.json'), 'utf8')).toBe('{}');
  });

  it('a store of several collections in place: each collection locked, backed up and restored by its own log', async () => {
    const s = await store({ a: '{"n":2}', b: '{"v":1}' }, steps);
    const orders = await addCollection(s.storeDir, 'orders', { o1: '{"total":20}' }, [I('o1', '{"total":10}', { at: 1 }), U('o1', '{"total":20}', { at: 9 })]);
    const { done } = await restore({ store: s.storeDir, until: ms(2) });
    expect(done.applied?.backups.map((b) => b.split('/.backups/')[0])).toEqual([orders, s.collDir]);
    expect(await liveData(s.collDir)).toEqual({ a: '{"n":1}' });
    expect(await liveData(orders)).toEqual({ o1: '{"total":10}' });
    expect((await readdir(orders)).filter((n) => n.includes('lock'))).toEqual([]);
    expect((await planRestoreAt({ store: s.storeDir, until: ms(2) })).operations).toEqual([]);
  });

  it('a position target on a store of several collections needs --collection', async () => {
    const s = await store({}, steps);
    await addCollection(s.storeDir, 'orders', {}, [I('o1', '{}')]);
    await expect(planRestoreAt({ store: s.storeDir, until: 'transactions.wal:0' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const one = await planRestoreAt({ store: s.storeDir, collection: 'orders', until: 'transactions.wal:0', exclusive: true });
    expect(one.report.collections).toEqual(['orders']);
    expect(one.report.changes).toEqual([]);
  });
});
