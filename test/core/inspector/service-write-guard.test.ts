/**
 * The service's path gate for recovery (a front end's `allowPath`, Electron's PathGrants):
 * a plan reads the store, an apply writes it, and each asks for its own purpose. A store the
 * front end lets the page read but not write can be planned, never applied.
 */
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ins, liveData, makeStore, treeSnapshot, upd, type TestStore } from '../store/store-fixture.js';
import { harness, must } from './support/inspector-fixtures.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

async function store(): Promise<TestStore> {
  const s = await makeStore({ a: '{"v":1}' }, [upd('a', '{"v":2}'), ins('b', '{"w":1}')]);
  stores.push(s);
  return s;
}

const inside = (p: string, root: string) => p === root || p.startsWith(root + path.sep);

describe('recovery through the service, behind the front end\'s path gate', () => {
  it('recovery.apply to a store the page may read but not write is refused, and nothing on disk changes', async () => {
    const s = await store();
    const asked: string[] = [];
    const h = harness({
      allowPath: (p, purpose) => {
        asked.push(`${purpose} ${p}`);
        return purpose === 'read';
      },
    });
    try {
      const info = await h.open(s.collDir);
      const plan = must(await h.api.recovery.plan({ session_id: info.session_id, mode: 'safe', job_id: 'p' }));
      expect(plan.changes.length).toBe(2);
      const before = await treeSnapshot(s.root);
      const applied = await h.api.recovery.apply({ session_id: info.session_id, plan_id: plan.plan_id, job_id: 'a' });
      expect(applied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(asked).toContain(`write ${s.collDir}`);
      expect(await treeSnapshot(s.root)).toEqual(before); // no document, no backup, no temporary file
    } finally {
      h.service.close();
    }
  });

  it('the same plan applies once writing there is allowed (the refusal was the gate\'s)', async () => {
    const s = await store();
    const h = harness({ allowPath: (p, purpose) => purpose === 'read' || inside(p, s.collDir) });
    try {
      const info = await h.open(s.collDir);
      const plan = must(await h.api.recovery.plan({ session_id: info.session_id, mode: 'safe', job_id: 'p' }));
      must(await h.api.recovery.apply({ session_id: info.session_id, plan_id: plan.plan_id, job_id: 'a' }));
      expect(await liveData(s.collDir)).toEqual({ a: '{"v":2}', b: '{"w":1}' });
    } finally {
      h.service.close();
    }
  });

  it('recovery.plan against a store outside what the page may read is refused before anything is read', async () => {
    const s = await store();
    const other = await store();
    const h = harness({ allowPath: (p) => inside(p, s.root) });
    try {
      const info = await h.open(s.collDir);
      const plan = await h.api.recovery.plan({ session_id: info.session_id, mode: 'safe', store: other.collDir, job_id: 'p' });
      expect(plan).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      h.service.close();
    }
  });
});
