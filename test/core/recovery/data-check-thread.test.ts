import { afterEach, describe, expect, it } from 'vitest';
import { startDataChecks, type DataChecks } from '../../../core/recovery/data-check-thread.js';
import { planRecovery } from '../../../core/recovery/plan-recovery.js';
import { FsCollection } from '../../../core/store/fs-collection.js';
import { jsonDataError } from '../../../core/verify/data-validity.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import { begin, commit, del, ins, makeStore, rollback, upd, walBytes, type EntrySpec, type TestStore } from '../store/store-fixture.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

/** Data the original refuses, each for another reason (serde_json's message differs). */
const INVALID = ['{bad', '{"a":"\\ud800"}', '[1,]', '{"a":1}x', '"\\q"'];

/** A log of transactions over few documents: valid and invalid data, deletes, bad ids, rollbacks. */
function entries(n: number): EntrySpec[] {
  const out: EntrySpec[] = [];
  for (let i = 0; i < n; i++) {
    const tx = `tx${String(i).padStart(30, '0')}`;
    const doc = `d${i % 37}`;
    out.push(begin(tx));
    out.push(i % 11 === 0 ? upd(doc, INVALID[i % INVALID.length]!, tx) : ins(doc, JSON.stringify({ i, name: `n${i}`, tags: ['a', i] }), tx));
    out.push(i % 13 === 0 ? del(doc, tx) : upd(doc, `{"i":${i},"big":12345678901234567890,"e":1E5}`, tx));
    if (i % 17 === 0) out.push(ins('../x', '{}', tx));
    out.push(i % 7 === 0 ? rollback(tx) : commit(tx));
  }
  return out;
}

const clock = () => '2026-01-01T00:00:00.000000000Z';

async function plans(store: TestStore, committedOnly: boolean) {
  const location = await locateLog(store.collDir);
  const collection = await FsCollection.open(store.collDir);
  const options = { mode: 'force' as const, committedOnly, clock };
  const here = await planRecovery(() => readLog(location), collection, options);
  let checks: DataChecks | undefined;
  const threaded = await planRecovery(() => readLog(location), collection, {
    ...options, dataChecks: async () => (checks = await startDataChecks(location, 0)),
  });
  return { here, threaded, answered: checks!.answered };
}

describe('data checks on a second thread (force plans)', () => {
  it('gives the plan the checks make in place, answering the entries it read', async () => {
    const specs = entries(1500);
    const store = await makeStore({ d1: '{"v":0}', d2: '{"v":0}' }, specs);
    stores.push(store);
    const { here, threaded, answered } = await plans(store, false);
    expect(here.counts.failed).toBeGreaterThan(100);
    expect(threaded).toEqual(here);
    // Every Insert/Update with data (an invalid id's too: the data is checked first).
    expect(answered.byThread).toBe(specs.filter((e) => (e.type === 'Insert' || e.type === 'Update') && e.data !== null).length);
    expect(answered.here).toBe(0);
  });

  it('committed-only, and a damaged range: the same plan; entries it dropped are passed over', async () => {
    const bytes = walBytes(entries(1200));
    bytes[Math.floor(bytes.length / 2)]! ^= 0x40;
    const store = await makeStore({ d3: '{"v":0}' }, bytes);
    stores.push(store);
    const { here, threaded, answered } = await plans(store, true);
    expect(here.lost.length).toBeGreaterThan(0);
    expect(here.dropped.length).toBeGreaterThan(0);
    expect(threaded).toEqual(here);
    expect(answered.byThread).toBeGreaterThan(1000);
  });

  it('checks here an entry the thread did not read at that position', async () => {
    const store = await makeStore({}, entries(300));
    stores.push(store);
    const location = await locateLog(store.collDir);
    const checks = await startDataChecks(location, 0);
    try {
      const first = { segment: 'transactions.wal', offset: 0 };
      await checks.cover(first, { segment: 'transactions.wal', offset: 1 << 20 });
      // An offset inside an entry, and a segment the chain does not have.
      expect(checks.errorOf({ segment: 'transactions.wal', offset: 3, length: 10 }, '{bad')).toBe(jsonDataError('{bad'));
      expect(checks.errorOf({ segment: 'other.wal', offset: 0, length: 10 }, '{}')).toBeUndefined();
      expect(checks.answered).toEqual({ byThread: 0, here: 2 });
    } finally {
      checks.close();
    }
  });

  it('a small chain is checked in place (no thread to start)', async () => {
    const store = await makeStore({}, entries(20));
    stores.push(store);
    const checks = await startDataChecks(await locateLog(store.collDir));
    expect(checks.errorOf({ segment: 'transactions.wal', offset: 0, length: 1 }, '[1,]')).toBe(jsonDataError('[1,]'));
    expect(checks.answered).toEqual({ byThread: 0, here: 1 });
    checks.close();
  });
});
