import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { ins } from '../store/store-fixture.js';
import { makeStore, type TestStore } from '../store/store-fixture.js';
import { harness, must } from './support/inspector-fixtures.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const h = harness();
const stores: TestStore[] = [];
afterAll(async () => {
  await h.service.close();
  for (const s of stores) await s.cleanup();
});

const bio = 'lorem ipsum '.repeat(60);

describe('recovery plans live as long as their session, one per purpose', () => {
  it('five previews of a 4,000-document store keep one plan, and closing the session frees it', async () => {
    const store = await makeStore({}, Array.from({ length: 4000 }, (_, i) => ins(`doc-${i}`, `{"n":${i},"bio":"${bio}"}`)));
    stores.push(store);
    const before = heap();
    const info = await h.open(store.collDir);
    const ids: string[] = [];
    const plan = async () => ids.push(must(await h.api.recovery.plan({ session_id: info.session_id, mode: 'force' })).plan_id);
    await plan();
    const one = heap();
    for (let i = 0; i < 4; i++) await plan();
    const five = heap();
    // Each plan holds 4,000 documents of ~750 bytes, before and after: several MB.
    expect(one - before).toBeGreaterThan(4 * 2 ** 20);
    expect(five - one).toBeLessThan((one - before) / 2);
    // The earlier previews' ids are spent; the last one is the session's plan.
    const old = await h.api.recovery.apply({ session_id: info.session_id, plan_id: ids[0]!, backup: false });
    expect(old.ok ? 'applied' : old.error.code).toBe('UNKNOWN_PLAN');
    must(await h.api.session.close({ session_id: info.session_id }));
    const closed = heap();
    expect(closed - before).toBeLessThan((one - before) / 4);
  }, 60_000);
});
