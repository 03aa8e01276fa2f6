import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { harness, must } from '../inspector/support/inspector-fixtures.js';
import { liveData, treeSnapshot, type TestStore } from '../store/store-fixture.js';
import { storeWith } from '../restore/restore-fixture.js';
import { D, I, T0, U, tx, type Step } from './history-fixture.js';

const h = harness();
afterAll(() => h.service.close());
const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

const X = tx('deploy');
const steps: Step[] = [I('a', '{"p":1,"q":1}', { at: 1 }), I('b', '{"v":1}', { at: 2 }), U('a', '{"p":9,"q":1}', { tx: X, at: 3 }), D('b', { tx: X, at: 4 }), U('a', '{"p":9,"q":2}', { at: 5 })];

describe('history and restore through the service', () => {
  it('history.get answers the document\'s versions', async () => {
    const s = await storeWith({ a: '{"p":9,"q":2}' }, steps);
    stores.push(s);
    const sid = (await h.open(s.collDir)).session_id;
    const v = must(await h.api.history.get({ session_id: sid, document_id: 'a' }));
    expect(v).toMatchObject({ document_id: 'a', complete: true });
    expect(v.versions.map((x) => [x.transaction_id === X, x.state])).toEqual([[false, '{"p":1,"q":1}'], [true, '{"p":9,"q":1}'], [false, '{"p":9,"q":2}']]);
    expect(v.versions[1]!.timestamp).toBe(String(T0 + 3n));
  });

  it('restore.plan previews (writing nothing), restore.apply applies once, the plan id is spent', async () => {
    const s = await storeWith({ a: '{"p":9,"q":2}' }, steps);
    stores.push(s);
    const sid = (await h.open(s.collDir)).session_id;
    const before = await treeSnapshot(s.storeDir);
    const plan = must(await h.api.restore.plan({ session_id: sid, exclude_tx: [X] }));
    expect(plan.changes.map((c) => [c.document_id, c.operation])).toEqual([['a', 'update'], ['b', 'insert']]);
    expect(await treeSnapshot(s.storeDir)).toEqual(before);
    const done = must(await h.api.restore.apply({ session_id: sid, plan_id: plan.plan_id }));
    expect(done.applied).toMatchObject({ written: 2 });
    expect(await liveData(s.collDir)).toEqual({ a: '{"p":1,"q":2}', b: '{"v":1}' });
    const again = await h.api.restore.apply({ session_id: sid, plan_id: plan.plan_id });
    expect(again.ok ? null : again.error.code).toBe('UNKNOWN_PLAN');
  });

  it('restore.plan --into rehearses; bad arguments are INVALID_ARGUMENT', async () => {
    const s = await storeWith({ a: '{"p":9,"q":2}' }, steps);
    stores.push(s);
    const sid = (await h.open(s.collDir)).session_id;
    const into = join(s.root, 'rehearsal');
    const plan = must(await h.api.restore.plan({ session_id: sid, until: String(T0 + 2n), into }));
    must(await h.api.restore.apply({ session_id: sid, plan_id: plan.plan_id }));
    expect(await liveData(into)).toEqual({ a: '{"p":1,"q":1}', b: '{"v":1}' });
    const bad = await h.api.restore.plan({ session_id: sid, until: 'not a time!' });
    expect(bad.ok ? null : bad.error.code).toBe('INVALID_ARGUMENT');
    const none = await h.api.restore.plan({ session_id: sid });
    expect(none.ok ? null : none.error.code).toBe('INVALID_ARGUMENT');
  });
});
