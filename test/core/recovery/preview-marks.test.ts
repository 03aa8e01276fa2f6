import { afterEach, describe, expect, it } from 'vitest';
import { begin, commit, ins, rollback, upd } from '../store/store-fixture.js';
import { cleanupStores, recoverOn } from './recover-helper.js';

afterEach(cleanupStores);
const T1 = 'tx-one-000000000000000000000000a';
const T2 = 'tx-two-000000000000000000000000b';
const T3 = 'tx-three-0000000000000000000000c';

describe.each(['safe', 'force'] as const)('the %s preview', (mode) => {
  it('marks each change made by a rolled-back or never-terminated transaction, and only those', async () => {
    const log = [
      begin(T1), ins('kept', '{"v":1}', T1), commit(T1),
      begin(T2), ins('order-2', '{"v":2}', T2), rollback(T2),
      begin(T3), ins('open', '{"v":3}', T3),
      ins('alone', '{}'),
    ];
    const r = await recoverOn({}, log, mode);
    const marks = Object.fromEntries(r.plan.changes.map((c) => [c.documentId, c.uncommitted?.map((m) => [m.entryType, m.transactionId, m.fate])]));
    expect(marks).toEqual({
      kept: undefined, alone: undefined,
      'order-2': [['Insert', T2, 'rolled-back']],
      open: [['Insert', T3, 'unterminated']],
    });
  });

  it('committed-only leaves them out, so nothing is marked', async () => {
    const r = await recoverOn({}, [begin(T2), ins('order-2', '{"v":2}', T2), rollback(T2)], mode, { committedOnly: true });
    expect(r.plan.changes).toEqual([]);
  });

  it('lists the entries it skips with why, and counts every skip by reason', async () => {
    const r = await recoverOn({ a: '{"v":1}' }, [begin(T1), upd('a', '{"v":1}', T1), upd('missing', '{"v":1}', T1), commit(T1)], mode);
    const byReason = Object.fromEntries(r.plan.skippedByReason.map((x) => [x.reason, x.count]));
    // Safe mode meets the Commit's (document, transaction) pair a second time: the original skips it for that.
    expect(byReason['Begin, Commit and Rollback entries change no document']).toBe(mode === 'safe' ? 1 : 2);
    expect(r.plan.skippedByReason.reduce((n, x) => n + x.count, 0)).toBe(r.plan.counts.skipped);
    if (mode === 'safe') {
      expect(r.plan.skipped.map((k) => [k.documentId, k.reason])).toEqual([
        ['a', 'the document already holds this data'],
        ['missing', 'the document does not exist: safe mode updates only documents that exist'],
      ]);
    } else expect(r.plan.skipped).toEqual([]);
  });
});
