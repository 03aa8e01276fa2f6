import * as fs from 'node:fs';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { ins } from '../store/store-fixture.js';
import { makeStore, type TestStore } from '../store/store-fixture.js';
import { liveData } from '../store/store-fixture.js';
import { harness, must, tempDir } from './support/inspector-fixtures.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

// Plans in memory here (never in a file), so that the heap shows what a session holds.
const h = harness({ planFileOver: Number.POSITIVE_INFINITY });
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
    // One open-plan-close first, so that code loaded on first use (workers, lazily loaded
    // hashers) is not counted as what a session keeps.
    const warm = await h.open(store.collDir);
    must(await h.api.recovery.plan({ session_id: warm.session_id, mode: 'force' }));
    must(await h.api.session.close({ session_id: warm.session_id }));
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

describe('a large plan lives in a temporary file until it is applied', () => {
  const planDir = tempDir('plans-');
  const hf = harness({ planFileOver: 100, planDir });
  afterAll(() => hf.service.close());
  const files = () => fs.readdirSync(planDir);

  it('one file per session, replaced by a new preview, read back by apply and removed; stale ones go, closing removes it', async () => {
    // Left by a process that is gone (pid 2^22 + 1 is above Linux's pid_max).
    const stale = path.join(planDir, '.recovery-plan.wal-inspector-tmp-4194305-0123456789ab.tmp');
    fs.writeFileSync(stale, '{}\n');
    const store = await makeStore({}, Array.from({ length: 300 }, (_, i) => ins(`doc-${i}`, `{"n":${i},"x":1.50}`)));
    stores.push(store);
    const info = await hf.open(store.collDir);
    const first = must(await hf.api.recovery.plan({ session_id: info.session_id, mode: 'safe' }));
    expect(files()).toHaveLength(1);
    expect(fs.existsSync(stale)).toBe(false);
    const planFile = files()[0]!;
    expect(fs.statSync(path.join(planDir, planFile)).mode & 0o777).toBe(0o600);
    const second = must(await hf.api.recovery.plan({ session_id: info.session_id, mode: 'safe' }));
    expect(files()).toHaveLength(1);
    expect(files()[0]).not.toBe(planFile);
    expect(second.changes).toEqual(first.changes);
    const r = must(await hf.api.recovery.apply({ session_id: info.session_id, plan_id: second.plan_id, backup: false }));
    expect(r.applied).toBe(300);
    expect(files()).toHaveLength(0);
    // Numbers exactly as the log holds them, through the file and back.
    expect((await liveData(store.collDir))['doc-7']).toBe('{"n":7,"x":1.50}');
    must(await hf.api.session.close({ session_id: info.session_id }));
    // A plan never applied: closing its session removes its file.
    const other = await makeStore({}, Array.from({ length: 300 }, (_, i) => ins(`doc-${i}`, `{"n":${i}}`)));
    stores.push(other);
    const s2 = await hf.open(other.collDir);
    must(await hf.api.recovery.plan({ session_id: s2.session_id, mode: 'force' }));
    expect(files()).toHaveLength(1);
    must(await hf.api.session.close({ session_id: s2.session_id }));
    expect(files()).toHaveLength(0);
  }, 60_000);
});
