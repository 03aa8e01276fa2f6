import { afterEach, describe, expect, it } from 'vitest';
import { planRecovery } from '../../../core/recovery/plan-recovery.js';
import { begin, commit, del, ins, makeStore, memoryStore, rollback, toRecords, upd, type EntrySpec, type TestStore } from '../store/store-fixture.js';
import { planOn } from './recover-helper.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});
const T1 = 'tx-one-000000000000000000000000a';

const DOCS = { a: '{"v":1,"o":{"x":1}}', b: '{"v":1}', c: '{"n":1.0}' };
const LOG: EntrySpec[] = [
  ins('a', '{"v":0}'), upd('a', '{"o":{"y":2}}'), upd('b', '{"v":1}'), del('b'), ins('b', '{"v":3}'), upd('c', '{"n":1}'),
  ins('new', '{"k":[1,2]}'), upd('missing', '{}'), del('nothing'), ins('../bad', '{}'), ins('nodata'), upd('x', '{bad'),
  begin(T1), ins('t', '{}', T1), rollback(T1), commit(T1),
];

describe('planning over the in-memory collection', () => {
  it.each(['safe', 'force'] as const)('%s: same counts, failures and changes as over the file system', async (mode) => {
    for (const committedOnly of [false, true]) {
      const mem = await planRecovery(() => toRecords(LOG), await memoryStore(DOCS), { mode, committedOnly });
      const s = await makeStore(DOCS, LOG);
      stores.push(s);
      const fs = await planOn(s, mode, committedOnly);
      const strip = (p: typeof mem) => ({ counts: p.counts, failures: p.failures.map((f) => f.reason), changes: p.changes, dropped: p.dropped.length });
      expect(strip(mem)).toEqual(strip(fs));
    }
  });
});
