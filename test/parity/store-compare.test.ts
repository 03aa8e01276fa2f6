import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { I, T0 } from '../core/history/history-fixture.js';
import { documentFiles, overwrittenStore } from '../core/restore/restore-fixture.js';
import { documentText, type TestStore } from '../core/store/store-fixture.js';
import { cliJson, withoutPlanId, withSession } from './support/cli-parity.js';
import { TRANSPORTS, openTransport, type Transport } from './support/transports.js';

/**
 * store.compare is `compare <live> <rehearsal> --json`, and a rehearsal (restore.plan with
 * `into`, restore.apply) is promoted with the same plan (restore.promote) or discarded
 * (restore.discard), in process, over HTTP and over Electron IPC.
 */
const open: Transport[] = [];
const stores: TestStore[] = [];
beforeAll(async () => {
  for (const name of TRANSPORTS) open.push(await openTransport(name));
});
afterAll(async () => {
  for (const t of open) await t.close();
  for (const s of stores) await s.cleanup();
});

/** d00…d29 (overwrittenStore); x created at 5. */
async function store(): Promise<TestStore> {
  const s = await overwrittenStore(30, { steps: [I('x', '{"new":true}', { at: 5 })], docs: { x: '{"new":true}' } });
  stores.push(s);
  return s;
}
const until = String(T0 + 2n);


describe('store.compare, restore.promote, restore.discard on every transport', () => {
  it('store.compare is compare --json, page by page', async () => {
    const s = await store();
    const into = path.join(s.root, 'rehearsal');
    const r = await cliJson(['restore', s.collDir, '--store', s.collDir, '--until', until, '--into', into, '--yes', '--json']);
    expect(r.code).toBe(0);
    for (const page of [{ offset: 0, limit: 500 }, { offset: 5, limit: 4 }]) {
      const cli = await cliJson(['compare', s.collDir, into, '--offset', String(page.offset), '--limit', String(page.limit), '--json']);
      expect(cli.code).toBe(1);
      expect((cli.value as { differences: unknown[] }).differences.length).toBe(page.limit === 4 ? 4 : 21);
      for (const t of open) expect(await t.api.store.compare({ left: s.collDir, right: into, ...page }), t.name).toEqual({ ok: true, value: cli.value });
    }
  }, 60_000);

  for (const name of TRANSPORTS) {
    it(`${name}: rehearse, compare, promote (the live files then equal the rehearsal's), discard`, async () => {
      const t = open.find((x) => x.name === name)!;
      const s = await store();
      const into = path.join(s.root, 'rehearsal');
      await withSession(t.api, s.collDir, async (session_id) => {
        const plan = await t.api.restore.plan({ session_id, until, into });
        if (!plan.ok) throw new Error(plan.error.message);
        const cliPlan = await cliJson(['restore', s.collDir, '--store', s.collDir, '--until', until, '--into', path.join(s.root, 'other'), '--dry-run', '--json']);
        expect({ ...withoutPlanId(plan.value), into: null }).toEqual({ ...(cliPlan.value as object), into: null });
        const wrote = await t.api.restore.apply({ session_id, plan_id: plan.value.plan_id });
        expect(wrote).toMatchObject({ ok: true, value: { applied: { into } } });
        const before = await t.api.store.compare({ left: s.collDir, right: into });
        expect(before).toMatchObject({ ok: true, value: { changed: 10, added: 10, removed: 1 } });
        const promoted = await t.api.restore.promote({ session_id, plan_id: plan.value.plan_id });
        expect(promoted).toMatchObject({ ok: true, value: { dry_run: false, into: null, applied: { written: 21, into: null } } });
        expect(documentFiles(s.collDir)).toEqual(documentFiles(into));
        expect(await t.api.store.compare({ left: s.collDir, right: into })).toMatchObject({ ok: true, value: { changed: 0, added: 0, removed: 0, differences: [] } });
        expect(await t.api.restore.discard({ session_id, plan_id: plan.value.plan_id })).toEqual({ ok: true, value: { removed: into } });
        expect(fs.existsSync(into)).toBe(false);
      });
    }, 60_000);
  }

  it('promote is refused when the live store or its log changed since the rehearsal; discard when the rehearsal did', async () => {
    const t = open[0]!;
    const s = await store();
    const into = path.join(s.root, 'rehearsal');
    await withSession(t.api, s.collDir, async (session_id) => {
      const plan = await t.api.restore.plan({ session_id, until, into });
      if (!plan.ok) throw new Error(plan.error.message);
      await t.api.restore.apply({ session_id, plan_id: plan.value.plan_id });
      const doc = path.join(s.collDir, 'd02.json');
      fs.writeFileSync(doc, await documentText('d02', '{"edited":"by hand"}'));
      expect(await t.api.restore.promote({ session_id, plan_id: plan.value.plan_id })).toMatchObject({ ok: false, error: { code: 'STORE_CHANGED', context: { file: doc } } });
      expect(fs.readFileSync(doc, 'utf8')).toContain('by hand');
      const seg = path.join(s.walDir, 'transactions.wal');
      const bytes = fs.readFileSync(seg);
      bytes[40] = bytes[40]! ^ 1;
      fs.writeFileSync(seg, bytes);
      // The core's PLAN_STALE crosses as STORE_CHANGED naming the segment.
      expect(await t.api.restore.promote({ session_id, plan_id: plan.value.plan_id })).toMatchObject({ ok: false, error: { code: 'STORE_CHANGED', context: { file: seg } } });
      fs.writeFileSync(path.join(into, 'mine.txt'), 'x');
      expect(await t.api.restore.discard({ session_id, plan_id: plan.value.plan_id })).toMatchObject({ ok: false, error: { code: 'STORE_CHANGED', context: { file: path.join(into, 'mine.txt') } } });
      expect(fs.existsSync(path.join(into, 'd01.json'))).toBe(true);
      expect(await t.api.restore.promote({ session_id, plan_id: 'nope' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PLAN' } });
    });
  }, 60_000);
});
