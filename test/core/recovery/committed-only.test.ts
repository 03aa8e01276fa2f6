import { afterEach, describe, expect, it } from 'vitest';
import { begin, commit, del, ins, rollback, upd } from '../store/store-fixture.js';
import { cleanupStores, counts, recoverOn } from './recover-helper.js';

afterEach(cleanupStores);
const T1 = 'tx-one-000000000000000000000000a';
const T2 = 'tx-two-000000000000000000000000b';
const T3 = 'tx-three-0000000000000000000000c';

describe.each(['safe', 'force'] as const)('committed-only, %s', (mode) => {
  it('drops the operations of rolled-back and never-terminated transactions, keeps committed and standalone ones', async () => {
    const log = [
      begin(T1), ins('a', '{"v":1}', T1), commit(T1),
      begin(T2), ins('b', '{"v":1}', T2), del('a', T2), rollback(T2),
      begin(T3), upd('a', '{"v":3}', T3),
      ins('s', '{"standalone":true}'),
    ];
    const r = await recoverOn({}, log, mode, { committedOnly: true });
    expect(r.plan.dropped.map((d) => [d.entryType, d.documentId, d.fate])).toEqual([
      ['Insert', 'b', 'rolled-back'], ['Delete', 'a', 'rolled-back'], ['Update', 'a', 'unterminated'],
    ]);
    expect(r.live).toEqual({ a: '{"v":1}', s: '{"standalone":true}' });
    expect(r.deleted).toEqual({});
    const c = counts(r.plan);
    expect(c[0]! + c[1]! + c[2]! + r.plan.dropped.length).toBe(log.length);
  });

  it('a transaction is every entry with its id, wherever it stands; Commits before the first Begin do not count', async () => {
    const r = await recoverOn({}, [ins('early', '{}', T1), commit(T1), begin(T1), rollback(T1)], mode, { committedOnly: true });
    expect(r.plan.dropped.map((d) => d.documentId)).toEqual(['early']);
    expect(r.live).toEqual({});
  });

  it('is off by default', async () => {
    const r = await recoverOn({}, [begin(T1), ins('a', '{}', T1), rollback(T1)], mode);
    expect(r.plan.dropped).toEqual([]);
    expect(r.live).toEqual({ a: '{}' });
  });
});
