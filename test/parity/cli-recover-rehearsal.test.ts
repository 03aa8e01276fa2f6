import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { D, I, U } from '../core/history/history-fixture.js';
import { addCollection, documentFiles, laggingStore } from '../core/restore/restore-fixture.js';
import { deletedData, liveData, treeSnapshot, type TestStore } from '../core/store/store-fixture.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';
import { cliJson, withoutPlanId, withSession } from './support/cli-parity.js';
import { openTransport, type Transport } from './support/transports.js';

/**
 * A recovery rehearsed into a new folder: `recover --into DIR` is recovery.plan with `into` then
 * recovery.apply; `recover --into DIR --plan-out FILE`, `apply FILE`, then `promote FILE` /
 * `discard FILE` are restore.promote / restore.discard of that rehearsal. The same store both
 * ways gives the same reports and the same files.
 */
let t: Transport;
const stores: TestStore[] = [];
beforeAll(async () => {
  t = await openTransport('in-process');
});
afterAll(async () => {
  await t.close();
  for (const s of stores) await s.cleanup();
});

async function store(): Promise<TestStore> {
  const s = await laggingStore(20, 4, 2, { untouched: '{"keep":true}' });
  stores.push(s);
  return s;
}

/** A report with its store's own paths made relative, and what only the transport differs in (backup names, the plan file) left out. */
function comparable(value: unknown, root: string): unknown {
  const v = JSON.parse(JSON.stringify(value).split(root).join('<root>')) as { applied?: unknown };
  if (v.applied && typeof v.applied === 'object') {
    const a = v.applied as Record<string, unknown>;
    v.applied = { ...a, backups: (a['backups'] as unknown[]).length, plan_file: null };
  }
  return v;
}

const data = async (dir: string) => ({ live: await liveData(dir), deleted: await deletedData(dir) });

describe('recover --into on the command line is the service\'s rehearsal', () => {
  it('recover --into DIR --yes --json answers what recovery.apply of a recovery.plan with into answers; the folders hold the same; the stores are untouched', async () => {
    const viaService = await store();
    const serviceInto = path.join(viaService.root, 'rehearsal');
    const serviceBefore = await treeSnapshot(viaService.storeDir);
    const { planned, applied } = await withSession(t.api, viaService.collDir, async (session_id) => {
      const p = await t.api.recovery.plan({ session_id, mode: 'safe', into: serviceInto });
      if (!p.ok) throw new Error(p.error.message);
      const a = await t.api.recovery.apply({ session_id, plan_id: p.value.plan_id });
      if (!a.ok) throw new Error(a.error.message);
      return { planned: p.value, applied: a.value };
    });
    expect(planned.into).toBe(serviceInto);
    expect(applied).toMatchObject({ into: serviceInto, dry_run: false, backup: null });
    expect(applied.applied).toBeGreaterThan(0);
    expect(await treeSnapshot(viaService.storeDir)).toEqual(serviceBefore);

    const s = await store();
    const into = path.join(s.root, 'rehearsal');
    const before = await treeSnapshot(s.storeDir);
    const preview = await cliJson(['recover', s.collDir, '--mode', 'safe', '--into', into, '--dry-run', '--json']);
    expect(preview.code).toBe(0);
    expect(comparable(preview.value, s.root)).toEqual(comparable(withoutPlanId(planned), viaService.root));
    expect(fs.existsSync(into)).toBe(false);
    const done = await cliJson(['recover', s.collDir, '--mode', 'safe', '--into', into, '--yes', '--json']);
    expect(done.code).toBe(0);
    expect(comparable(done.value, s.root)).toEqual(comparable(applied, viaService.root));
    expect(await treeSnapshot(s.storeDir)).toEqual(before);
    expect(await data(into)).toEqual(await data(serviceInto));
    expect(documentFiles(into)['untouched.json']).toBe(documentFiles(s.collDir)['untouched.json']);
  }, 60_000);

  it('promote FILE of a recover --into --plan-out rehearsal is restore.promote of the service\'s: same report, the live files then equal the rehearsal\'s', async () => {
    const viaService = await store();
    const serviceInto = path.join(viaService.root, 'rehearsal');
    const servicePromoted = await withSession(t.api, viaService.collDir, async (session_id) => {
      const p = await t.api.recovery.plan({ session_id, mode: 'force', into: serviceInto });
      if (!p.ok) throw new Error(p.error.message);
      expect(await t.api.recovery.apply({ session_id, plan_id: p.value.plan_id })).toMatchObject({ ok: true });
      const promoted = await t.api.restore.promote({ session_id, plan_id: p.value.plan_id });
      if (!promoted.ok) throw new Error(promoted.error.message);
      return promoted.value;
    });
    expect(servicePromoted).toMatchObject({ kind: 'recover', applied: { into: null } });
    expect(documentFiles(viaService.collDir)).toEqual(documentFiles(serviceInto));

    const s = await store();
    const into = path.join(s.root, 'rehearsal');
    const planFile = path.join(s.root, 'rehearsal.plan.json');
    expect((await cliJson(['recover', s.collDir, '--mode', 'force', '--into', into, '--plan-out', planFile, '--json'])).code).toBe(0);
    expect(fs.existsSync(into)).toBe(false);
    const wrote = await cliJson(['apply', planFile, '--yes', '--json']);
    expect(wrote).toMatchObject({ code: 0, value: { kind: 'recover', applied: { into } } });
    expect(fs.existsSync(`${planFile}.rehearsal`)).toBe(true);
    const live = documentFiles(s.collDir);
    const dry = await cliJson(['promote', planFile, '--dry-run', '--json']);
    expect(dry).toMatchObject({ code: 0, value: { kind: 'recover', store: s.collDir } });
    expect(documentFiles(s.collDir)).toEqual(live);

    const done = await cliJson(['promote', planFile, '--yes', '--json']);
    expect(done).toMatchObject({ code: 0, value: { kind: 'recover', applied: { into: null, plan_file: planFile } } });
    expect(comparable(done.value, s.root)).toEqual(comparable(servicePromoted, viaService.root));
    expect(documentFiles(s.collDir)).toEqual(documentFiles(into));
    expect((await cliJson(['compare', s.collDir, into, '--json'])).value).toMatchObject({ changed: 0, added: 0, removed: 0 });
    expect(await cliJson(['discard', planFile, '--yes', '--json'])).toMatchObject({ code: 0, value: { removed: into } });
    expect(fs.existsSync(into)).toBe(false);
  }, 60_000);

  it('refuses a folder that holds something (naming it); nothing is written', async () => {
    const s = await store();
    const full = path.join(s.root, 'full');
    fs.mkdirSync(full);
    fs.writeFileSync(path.join(full, 'mine.txt'), 'x');
    const before = await treeSnapshot(s.storeDir);
    const refused = await runCliCaptured(['recover', s.collDir, '--mode', 'safe', '--into', full, '--yes', '--json']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${full} exists`);
    expect(fs.readdirSync(full)).toEqual(['mine.txt']);
    expect(await treeSnapshot(s.storeDir)).toEqual(before);
  }, 60_000);

  it('recover <store root> --into DIR is store.plan_recovery with into then store.apply_recovery of a store session: same result, same new store root; promoted, the live files are the rehearsal\'s', async () => {
    const withOrders = async () => {
      const s = await store();
      await addCollection(s.storeDir, 'orders', { o1: '{"total":10}', gone: '{"x":1}' }, [U('o1', '{"total":20}'), D('gone'), I('o2', '{"total":5}')]);
      return s;
    };
    const viaService = await withOrders();
    const serviceInto = path.join(viaService.root, 'rehearsal');
    const serviceBefore = await treeSnapshot(viaService.storeDir);
    const { applied, promoted } = await withSession(t.api, viaService.storeDir, async (session_id) => {
      const p = await t.api.store.plan_recovery({ session_id, mode: 'safe', into: serviceInto });
      if (!p.ok) throw new Error(p.error.message);
      expect(p.value.into).toBe(serviceInto);
      const a = await t.api.store.apply_recovery({ session_id, plan_id: p.value.plan_id });
      if (!a.ok) throw new Error(a.error.message);
      expect(await treeSnapshot(viaService.storeDir)).toEqual(serviceBefore);
      const pr = await t.api.restore.promote({ session_id, plan_id: p.value.plan_id });
      if (!pr.ok) throw new Error(pr.error.message);
      return { applied: a.value, promoted: pr.value };
    });
    expect(applied).toMatchObject({ into: serviceInto, dry_run: false });
    expect(promoted).toMatchObject({ kind: 'recover', applied: { into: null } });
    for (const name of ['users', 'orders']) expect(documentFiles(path.join(viaService.storeDir, 'data', name))).toEqual(documentFiles(path.join(serviceInto, 'data', name)));

    const s = await withOrders();
    const into = path.join(s.root, 'rehearsal');
    const before = await treeSnapshot(s.storeDir);
    const done = await cliJson(['recover', s.storeDir, '--mode', 'safe', '--into', into, '--yes', '--json']);
    expect(done.code).toBe(0);
    expect(comparable(done.value, s.root)).toEqual(comparable(applied, viaService.root));
    expect(await treeSnapshot(s.storeDir)).toEqual(before);
    for (const name of ['users', 'orders']) expect(await data(path.join(into, 'data', name))).toEqual(await data(path.join(serviceInto, 'data', name)));
  }, 60_000);
});
