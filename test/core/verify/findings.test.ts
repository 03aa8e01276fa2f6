import { describe, expect, it } from 'vitest';
import { verifyLog } from '../../../core/verify/verify-log.js';
import { TransactionFateTracker } from '../../../core/verify/transaction-fates.js';
import { createEntry } from '../../../core/wal/new-entry.js';
import { begin, commit, del, ins, memoryStore, rollback, toRecords, upd, type EntrySpec } from '../store/store-fixture.js';

const T1 = 'tx-one-000000000000000000000000a';
const T2 = 'tx-two-000000000000000000000000b';
const T3 = 'tx-three-0000000000000000000000c';

async function findings(specs: EntrySpec[], docs: Record<string, string>, listed = true) {
  const store = await memoryStore(docs);
  const withList = listed ? Object.assign(store, { listDocumentIds: async () => [...store.documents.keys()].sort() }) : store;
  return verifyLog(toRecords(specs), withList);
}

describe('transaction fates', () => {
  it('the first Commit or Rollback after the first Begin decides; ids without Begin are standalone', () => {
    const t = new TransactionFateTracker();
    for (const r of toRecords([ins('a', '{}', T1), commit(T1), begin(T1), rollback(T1), commit(T1), begin(T2), commit(T2), begin(T3), ins('x', '{}')])) t.add(r);
    expect(t.fateOf(T1)).toBe('rolled-back');
    expect(t.fateOf(T2)).toBe('committed');
    expect(t.fateOf(T3)).toBe('unterminated');
    expect(t.fateOf('nope')).toBeUndefined();
    expect(t.transactions().find((x) => x.transactionId === T1)?.operations).toBe(1);
  });
});

describe('our findings', () => {
  it('report transactions never terminated, with their Begin', async () => {
    const r = await findings([begin(T1), ins('a', '{}', T1)], {});
    const f = r.findings.find((x) => x.kind === 'unterminated-transaction');
    expect(f).toMatchObject({ transactionId: T1, segment: 'transactions.wal', offset: 0 });
  });

  it('report rolled-back or unterminated work that is on disk', async () => {
    const r = await findings([ins('a', '{"v":1}'), begin(T1), upd('a', '{"v":2}', T1), rollback(T1), begin(T2), ins('b', '{"n":1}', T2)], { a: '{"v":2}', b: '{"n":1}' });
    const on = r.findings.filter((x) => x.kind === 'uncommitted-on-disk');
    expect(on.map((x) => [x.documentId, x.transactionId])).toEqual([['a', T1], ['b', T2]]);
    expect(on[0]!.description).toContain('was rolled back');
    expect(on[1]!.description).toContain('was never committed');
  });

  it('report deletes not applied on disk, and documents the log never mentions', async () => {
    const r = await findings([ins('a', '{}'), del('a')], { a: '{}', other: '{}', more: '{}' });
    expect(r.findings.find((x) => x.kind === 'deleted-still-on-disk')).toMatchObject({ documentId: 'a' });
    expect(r.findings.find((x) => x.kind === 'unknown-documents')).toMatchObject({ count: 2, documentIds: ['more', 'other'] });
    expect(r.passed).toBe(true);
  });

  it('explain false alarms: an uncommitted insert that is rightly not on disk', async () => {
    const r = await findings([begin(T1), ins('a', '{"v":1}', T1)], {});
    expect(r.passed).toBe(false);
    const f = r.findings.find((x) => x.kind === 'false-alarm');
    expect(f).toMatchObject({ issue: 0, documentId: 'a' });
    expect(f!.description).toContain('never committed');
  });

  it('explain false alarms: a rolled-back update that the original cannot undo', async () => {
    const r = await findings([ins('a', '{"v":1}'), begin(T1), upd('a', '{"v":2}', T1), rollback(T1)], { a: '{"v":1}' });
    expect(r.issues.map((i) => i.description)).toEqual([
      'Transaction rollback not fully supported in verification',
      'Document a data mismatch between WAL and disk',
    ]);
    expect(r.findings.filter((x) => x.kind === 'false-alarm').map((x) => x.issue)).toEqual([0, 1]);
  });

  it('explain false alarms: a repeated insert of equal data, a Commit without Begin', async () => {
    const r = await findings([ins('a', '{"v":1}'), ins('a', '{"v":1}'), commit(T2)], { a: '{"v":1}' });
    expect(r.findings.filter((x) => x.kind === 'false-alarm').map((x) => x.issue)).toEqual([0, 1]);
  });

  it('a real mismatch is not explained away', async () => {
    const r = await findings([ins('a', '{"v":1}'), upd('a', '{"v":2}')], { a: '{"v":1}' });
    expect(r.findings.filter((x) => x.kind === 'false-alarm')).toEqual([]);
  });

  it('flag ids that are not UTF-8 (cut mid-character) and never change passed', async () => {
    const entry = createEntry({ entryType: 'Delete', collection: 'users', documentId: 'a' + 'é'.repeat(200), transactionId: T1 });
    const r = await verifyLog(toRecords([entry]), await memoryStore({}));
    expect(r.findings.map((x) => x.kind)).toContain('invalid-utf8-id');
    expect(r.passed).toBe(true);
  });

  it('findings never change passed', async () => {
    const r = await findings([begin(T1), ins('a', '{}', T1), rollback(T1), begin(T2), del('z', T2), ins('y', '{}'), del('y')], { y: '{}', z: '{}', q: '{}' });
    expect(r.findings.length).toBeGreaterThan(2);
    expect(r.passed).toBe(true);
  });
});

describe('large logs', () => {
  it('more findings than fit in call arguments (200,000 Commits without Begin) are all reported', async () => {
    const specs = Array.from({ length: 200_000 }, (_, i) => commit(`tx-${String(i).padStart(29, '0')}`));
    const r = await verifyLog(toRecords(specs), undefined);
    expect(r.findings.filter((x) => x.kind === 'false-alarm')).toHaveLength(200_000);
  }, 60_000);
});

describe('reading the store', () => {
  it('reads each document once, keeping those the findings look at again (and re-reading only documents with issues)', async () => {
    const store = await memoryStore({ a: '{"v":1}', b: '{"v":9}', c: '{"n":1}', d: '{}' });
    const reads = new Map<string, number>();
    const getDocument = store.getDocument.bind(store);
    store.getDocument = (id: string) => {
      reads.set(id, (reads.get(id) ?? 0) + 1);
      return getDocument(id);
    };
    // a: matches; b: data mismatch (critical); c: rolled-back insert on disk (a finding); d: deleted but still on disk.
    const r = await verifyLog(toRecords([ins('a', '{"v":1}'), ins('b', '{"v":2}'), begin(T1), ins('c', '{"n":1}', T1), rollback(T1), ins('d', '{}'), del('d')]), store);
    expect(r.issues.filter((i) => i.transactionId === 'final_check').map((i) => [i.documentId, i.description])).toEqual([
      ['b', 'Document b data mismatch between WAL and disk'],
    ]);
    expect(r.findings.map((f) => [f.kind, f.documentId])).toEqual(expect.arrayContaining([['uncommitted-on-disk', 'c'], ['deleted-still-on-disk', 'd']]));
    // b is read a second time only to see whether its critical issue is a false alarm.
    expect(Object.fromEntries(reads)).toEqual({ a: 1, b: 2, c: 1, d: 1 });
  });
});
