import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRecoveryPlan, locateLog, planRecoveryAt } from '../../../core/inspector/use-cases/recovery.js';
import { planRecoveryFile, planStoreRecoveryFile, rehearseRecoveryAt, rehearseStoreRecoveryAt, writePlanFile } from '../../../core/inspector/use-cases/recovery-plan-file.js';
import { applyStoreRecovery, planStoreRecovery, storeTarget } from '../../../core/inspector/use-cases/store-wide.js';
import { promoteAt, readPromotionAt } from '../../../core/inspector/use-cases/rehearsal.js';
import { compareAt } from '../../../core/inspector/use-cases/compare.js';
import { promotedPlan } from '../../../core/restore/rehearsal.js';
import type { RecoveryMode } from '../../../core/contract/contract-jobs.js';
import { deletedData, documentText, liveData, treeSnapshot, type TestStore } from '../store/store-fixture.js';
import { D, I, U } from '../history/history-fixture.js';
import { addCollection, documentFiles, laggingStore as laggingStoreOf } from './restore-fixture.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

/** A collection whose files lag its log (restore-fixture's laggingStore), and one document the log never names. */
async function laggingStore(): Promise<TestStore> {
  const s = await laggingStoreOf(30, 6, 3, { untouched: '{"keep":true}' });
  stores.push(s);
  return s;
}

const rehearsal = async (s: TestStore, into: string, mode: RecoveryMode = 'force') =>
  planRecoveryFile(await locateLog(s.collDir, {}), { store: s.collDir, mode, into });

const data = async (dir: string) => ({ live: await liveData(dir), deleted: await deletedData(dir) });

/** What recovering a copy of the same store for real (recover --yes) leaves: live and soft-deleted data. */
async function recoveredCopy(s: TestStore, mode: RecoveryMode): Promise<{ live: Record<string, string>; deleted: Record<string, string> }> {
  const copy = join(s.root, `copy-${mode}`);
  await cp(s.storeDir, copy, { recursive: true });
  const dir = join(copy, 'data', 'users');
  const { held } = await planRecoveryAt(await locateLog(dir, {}), { store: dir, mode });
  await applyRecoveryPlan(held, { backup: false });
  return { live: await liveData(dir), deleted: await deletedData(dir) };
}

describe('recover --into (a recovery rehearsed into a new folder)', () => {
  it.each<RecoveryMode>(['safe', 'force'])('%s: the live store stays byte-identical; the folder holds what a real recovery leaves', async (mode) => {
    const s = await laggingStore();
    const expected = await recoveredCopy(s, mode);
    const before = await treeSnapshot(s.storeDir);
    const into = join(s.root, 'rehearsal');
    const planned = await rehearsal(s, into, mode);
    expect(planned.plan).toMatchObject({ kind: 'recover', into, store: s.collDir });
    expect(planned.preview.into).toBe(into);
    expect(planned.preview.changes.length).toBeGreaterThan(0);
    const result = await rehearseRecoveryAt(planned);
    expect(result).toMatchObject({ into, dry_run: false, backup: null, applied: planned.plan.operations.length, mode });
    expect(await treeSnapshot(s.storeDir)).toEqual(before);
    expect({ live: await liveData(into), deleted: await deletedData(into) }).toEqual(expected);
    // A document the log never names is copied byte for byte; the log is not.
    expect(documentFiles(into)['untouched.json']).toBe(documentFiles(s.collDir)['untouched.json']);
    expect(documentFiles(into)['untouched.json']).toBeDefined();
    // compare shows just what the recovery would change: its changed documents, nothing else (one
    // created and deleted again by the log is only a soft-deleted copy, no live file either side).
    const compared = await compareAt(s.collDir, into, { limit: 500 });
    const differing = compared.differences.map((d) => d.document_id).sort();
    const live = planned.preview.changes.filter((c) => c.before !== null || c.after !== null);
    expect(live.length).toBeLessThan(planned.preview.changes.length);
    expect(differing).toEqual(live.map((c) => c.document_id).sort());
    expect(compared.same).toBe(Object.keys(await liveData(s.collDir)).length - compared.changed - compared.removed);
  });

  it('an empty existing folder is written into; a folder with anything in it is refused (DESTINATION_EXISTS), the store untouched', async () => {
    const s = await laggingStore();
    const before = await treeSnapshot(s.storeDir);
    const empty = join(s.root, 'empty');
    await mkdir(empty);
    await rehearseRecoveryAt(await rehearsal(s, empty));
    expect(Object.keys(await liveData(empty))).toContain('d0');
    const full = join(s.root, 'full');
    await mkdir(full);
    await writeFile(join(full, 'mine.txt'), 'x');
    // Said when planned, before the log is read…
    await expect(rehearsal(s, full)).rejects.toMatchObject({ code: 'DESTINATION_EXISTS', context: { file: full } });
    const file = join(s.root, 'a-file');
    await writeFile(file, 'x');
    await expect(rehearsal(s, file)).rejects.toMatchObject({ code: 'DESTINATION_EXISTS', context: { file } });
    // …and again when written: a folder filled since the plan is not written into.
    const late = join(s.root, 'late');
    const planned = await rehearsal(s, late);
    await mkdir(late);
    await writeFile(join(late, 'mine.txt'), 'x');
    await expect(rehearseRecoveryAt(planned)).rejects.toMatchObject({ code: 'DESTINATION_EXISTS', context: { file: late } });
    expect(documentFiles(late)).toEqual({});
    expect(await treeSnapshot(s.storeDir)).toEqual(before);
    expect(documentFiles(full)).toEqual({});
  });

  it('promote applies the same plan to the live store with a backup: its document files then equal the rehearsal\'s', async () => {
    const s = await laggingStore();
    const into = join(s.root, 'rehearsal');
    const planned = await rehearsal(s, into);
    await rehearseRecoveryAt(planned);
    const done = await promoteAt(promotedPlan(planned.plan));
    expect(done).toMatchObject({ kind: 'recover', store: s.collDir, applied: { written: planned.plan.operations.length, into: null } });
    expect(done.applied?.backups).toHaveLength(1);
    expect(documentFiles(s.collDir)).toEqual(documentFiles(into));
    const compared = await compareAt(s.collDir, into);
    expect(compared).toMatchObject({ changed: 0, added: 0, removed: 0 });
    // Nothing is left for a recovery to do.
    expect((await planRecoveryAt(await locateLog(s.collDir, {}), { store: s.collDir, mode: 'force' })).preview.changes).toEqual([]);
  });

  it('promote is refused (STORE_CHANGED naming the file) when a document changed since the rehearsal; nothing is written', async () => {
    const s = await laggingStore();
    const into = join(s.root, 'rehearsal');
    const planned = await rehearsal(s, into);
    await rehearseRecoveryAt(planned);
    const doc = join(s.collDir, 'e1.json');
    await writeFile(doc, await documentText('e1', '{"edited":1}'));
    const before = await treeSnapshot(s.storeDir);
    await expect(promoteAt(promotedPlan(planned.plan))).rejects.toMatchObject({ code: 'STORE_CHANGED', context: { file: doc } });
    expect(await treeSnapshot(s.storeDir)).toEqual(before);
  });

  it('as a plan file (--into --plan-out): read back as a rehearsal, promoted from the file', async () => {
    const s = await laggingStore();
    const into = join(s.root, 'rehearsal');
    const planned = await rehearsal(s, into);
    const file = join(s.root, 'recover.plan.json');
    await writePlanFile(file, planned.plan);
    const live = await readPromotionAt(file);
    expect(live).toMatchObject({ kind: 'recover', into: null });
    expect(live.kind === 'recover' && live.reports.every((r) => r.into === undefined)).toBe(true);
    await rehearseRecoveryAt(planned);
    const done = await promoteAt(live, { planFile: file });
    expect(done).toMatchObject({ kind: 'recover', applied: { plan_file: file } });
    expect(documentFiles(s.collDir)).toEqual(documentFiles(into));
  });

  it('a store root: DIR is a new store root, each collection recovered from its own log as a real store recovery leaves it; promote makes the live files the rehearsal\'s', async () => {
    const s = await laggingStore();
    await writeFile(join(s.storeDir, '.store.json'), '{}');
    const orders = await addCollection(s.storeDir, 'orders', { o1: '{"total":10}', gone: '{"x":1}' }, [U('o1', '{"total":20}'), D('gone'), I('o2', '{"total":5}')]);
    const copy = join(s.root, 'copy');
    await cp(s.storeDir, copy, { recursive: true });
    const real = await planStoreRecovery((await storeTarget(copy, undefined, 'write'))!, { mode: 'safe' });
    await applyStoreRecovery(real.held, { backup: false });
    const before = await treeSnapshot(s.storeDir);
    const into = join(s.root, 'store-rehearsal');
    const planned = await planStoreRecoveryFile((await storeTarget(s.storeDir, undefined, 'write'))!, { mode: 'safe', into });
    expect(planned.preview.into).toBe(into);
    const result = await rehearseStoreRecoveryAt(planned);
    expect(result).toMatchObject({ into, dry_run: false, applied: planned.plan.operations.length });
    expect(result.collections.map((c) => [c.collection, c.applied])).toEqual([
      ['orders', planned.plan.operations.filter((o) => o.collection === 'orders').length],
      ['users', planned.plan.operations.filter((o) => o.collection === 'users').length],
    ]);
    expect(await treeSnapshot(s.storeDir)).toEqual(before);
    for (const name of ['users', 'orders']) {
      expect(await data(join(into, 'data', name))).toEqual(await data(join(copy, 'data', name)));
    }
    expect(documentFiles(join(into, 'data', 'orders'))['o2.json']).toBeDefined();
    const done = await promoteAt(promotedPlan(planned.plan));
    expect(done).toMatchObject({ kind: 'recover', store: s.storeDir, applied: { into: null } });
    expect(done.applied?.backups).toHaveLength(2);
    expect(documentFiles(orders)).toEqual(documentFiles(join(into, 'data', 'orders')));
    expect(documentFiles(s.collDir)).toEqual(documentFiles(join(into, 'data', 'users')));
  });
});
