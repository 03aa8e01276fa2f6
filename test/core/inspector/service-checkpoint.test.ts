import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ins, makeStore, type TestStore } from '../store/store-fixture.js';
import { harness, must } from './support/inspector-fixtures.js';

const h = harness();
afterAll(() => h.service.close());
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function store(options: { walName?: string } = {}): Promise<TestStore> {
  const s = await makeStore({ a: '{}' }, [ins('a', '{}')], options);
  cleanups.push(() => s.cleanup());
  return s;
}

describe('checkpoint.apply says synced only when something was', () => {
  it('a compaction with no active segment seals nothing and syncs nothing', async () => {
    const s = await store({ walName: 'transactions.1700000000.wal' });
    const { session_id } = await h.open(s.collDir);
    const plan = must(await h.api.checkpoint.plan({ session_id, compact: true }));
    expect(plan).toMatchObject({ refused: null, seal: null, remove: [], position: { segment: null } });
    const done = must(await h.api.checkpoint.apply({ session_id, plan_id: plan.plan_id }));
    expect(done).toEqual({ sealed: null, removed: [], kept: [], synced: false, position: { segment: null, offset: 0, entries: 0, segments: 1 } });
  });

  it('a plain plan reports where the log ends, entries counted (as apply does)', async () => {
    const s = await store();
    const { session_id } = await h.open(s.collDir);
    const plan = must(await h.api.checkpoint.plan({ session_id }));
    const done = must(await h.api.checkpoint.apply({ session_id, plan_id: plan.plan_id }));
    expect(plan.position).toEqual({ segment: 'transactions.wal', offset: expect.any(Number), entries: 1, segments: 1 });
    expect(done.position).toEqual(plan.position);
    expect(plan.writer_check).toBeNull();
  });
});
