import { describe, expect, it } from 'vitest';
import { verifyLog } from '../../../core/verify/verify-log.js';
import type { VerifyIssue } from '../../../core/verify/verify-types.js';
import { begin, commit, del, ins, memoryStore, rollback, toRecords, upd, type EntrySpec } from '../store/store-fixture.js';

const T1 = 'tx-one-000000000000000000000000a';
const T2 = 'tx-two-000000000000000000000000b';

async function run(specs: (EntrySpec | 'damage')[], docs?: Record<string, string>) {
  const store = docs ? await memoryStore(docs) : undefined;
  return verifyLog(toRecords(specs), store);
}

const brief = (i: VerifyIssue) => [i.transactionId, i.documentId, i.description, i.isCritical];

describe('the original\'s verification rules', () => {
  it('a clean log against a matching store passes', async () => {
    const r = await run([ins('a', '{"v":1}'), upd('a', '{"v":2}'), ins('b', '{"w":1}'), del('b')], { a: '{"v":2}' });
    expect(r).toMatchObject({ passed: true, entriesProcessed: 4, affectedDocuments: 1, issues: [] });
  });

  it('Begin with data: not critical', async () => {
    const r = await run([{ type: 'Begin', doc: 'txn', tx: T1, data: '{}' }]);
    expect(r.issues.map(brief)).toEqual([[T1, 'txn', 'Transaction begin entry should not contain data', false]]);
    expect(r.passed).toBe(true);
  });

  it('Insert/Update without data or with invalid JSON: critical, state unchanged', async () => {
    const r = await run([ins('a'), ins('b', '{bad'), upd('c'), upd('d', '[1,]'), ins('e', '\ufeff{}')]);
    expect(r.issues.map((i) => [i.documentId, i.description.replace(/: .*/, ': …'), i.isCritical])).toEqual([
      ['a', 'Insert operation missing data', true],
      ['b', 'Invalid JSON data in insert operation: …', true],
      ['c', 'Update operation missing data', true],
      ['d', 'Invalid JSON data in update operation: …', true],
      ['e', 'Invalid JSON data in insert operation: …', true],
    ]);
    expect(r.issues[1]!.description).toBe('Invalid JSON data in insert operation: key must be a string at line 1 column 2');
    expect(r.affectedDocuments).toBe(0);
    expect(r.passed).toBe(false);
  });

  it('Insert of a document already in the state: critical, the first data stays', async () => {
    const r = await run([ins('a', '{"v":1}'), ins('a', '{"v":2}')], { a: '{"v":1}' });
    expect(r.issues.map(brief)).toEqual([[expect.any(String), 'a', 'Document a already exists in WAL state', true]]);
    expect(r.affectedDocuments).toBe(1);
  });

  it('Update replaces the state (no merge); Delete drops it; data on Delete is never looked at', async () => {
    const r = await run([ins('a', '{"v":1,"k":1}'), upd('a', '{"v":2}'), ins('b', '{}'), del('b', undefined, '{not json')], { a: '{"v":2}' });
    expect(r.passed).toBe(true);
    const m = await run([ins('a', '{"v":1,"k":1}'), upd('a', '{"v":2}')], { a: '{"v":2,"k":1}' });
    expect(m.issues.map((i) => i.description)).toEqual(['Document a data mismatch between WAL and disk']);
  });

  it('Commit without Begin: not critical, transaction id kept, document id "transaction"; a missing Commit is never reported', async () => {
    const r = await run([ins('a', '{}', T1), commit(T1, 'whatever'), begin(T2), ins('b', '{}', T2)], { a: '{}', b: '{}' });
    expect(r.issues.map(brief)).toEqual([[T1, 'transaction', 'Transaction missing begin entry', false]]);
    expect(r.passed).toBe(true);
  });

  it('a Commit without Begin leaves the transaction open: a later Begin+Commit closes it without an issue', async () => {
    const r = await run([commit(T1), begin(T1), commit(T1), commit(T1)]);
    expect(r.issues.map((i) => i.description)).toEqual(['Transaction missing begin entry', 'Transaction missing begin entry']);
  });

  it('Rollback drops inserts walking backwards, with or without Begin', async () => {
    const r = await run([begin(T1), ins('a', '{}', T1), rollback(T1), ins('b', '{}', T2), rollback(T2)], {});
    expect(r).toMatchObject({ passed: true, affectedDocuments: 0, issues: [] });
  });

  it('rolling back a duplicate insert wipes the earlier accepted state', async () => {
    const r = await run([ins('a', '{"v":1}'), begin(T1), ins('a', '{"v":2}', T1), rollback(T1)], {});
    expect(r.issues.map((i) => i.description)).toEqual(['Document a already exists in WAL state']);
    expect(r.affectedDocuments).toBe(0); // a is gone from the state, so "not on disk" is never checked
  });

  it('the first Update or Delete met stops the walk, with the Rollback\'s document id', async () => {
    const r = await run([begin(T1), ins('a', '{}', T1), upd('b', '{}', T1), ins('c', '{}', T1), rollback(T1, 'rb-doc')], { a: '{}', b: '{}' });
    expect(r.issues.map(brief)).toEqual([[T1, 'rb-doc', 'Transaction rollback not fully supported in verification', false]]);
    // c (after the Update) was dropped, a (before it) stays in the state, b keeps the rolled-back data
    expect(r.affectedDocuments).toBe(2);
    const d = await run([begin(T2), del('x', T2), rollback(T2, 'y')]);
    expect(d.issues.map(brief)).toEqual([[T2, 'y', 'Transaction rollback for delete not supported', false]]);
  });

  it('"entries so far" restart after a transaction is closed', async () => {
    const r = await run([begin(T1), upd('a', '{}', T1), commit(T1), begin(T1), ins('b', '{}', T1), rollback(T1)], { a: '{}' });
    expect(r).toMatchObject({ passed: true, issues: [], affectedDocuments: 1 });
  });

  it('final check: missing on disk, data mismatch (numbers by text), unreadable', async () => {
    const r = await run([ins('gone', '{}'), ins('num', '{"p":1.0}'), ins('same', '{"b":1,"a":[1e5]}'), ins('CON', '{}')], { num: '{"p":1}', same: '{"a":[1e5],"b":1}' });
    expect(r.issues.map(brief)).toEqual([
      ['final_check', 'gone', 'Document gone exists in WAL but not on disk', true],
      ['final_check', 'num', 'Document num data mismatch between WAL and disk', true],
      ['final_check', 'CON', 'Failed to read document CON from disk: I/O error: Invalid document ID: CON', true],
    ]);
  });

  it('damage: critical, ids unknown, segment and offset, not counted as an entry', async () => {
    const r = await run([ins('a', '{}'), 'damage', del('a')]);
    expect(r.entriesProcessed).toBe(2);
    const d = r.issues[0]!;
    expect(d).toMatchObject({ transactionId: 'unknown', documentId: 'unknown', isCritical: true, segment: 'transactions.wal' });
    expect(d.description).toBe(`Failed to read WAL entry: crc-mismatch at transactions.wal:${d.offset}, 7 bytes`);
  });

  it('every per-entry issue points at its entry; final-check issues at the entry that set the state', async () => {
    const recs = toRecords([ins('a', '{}'), ins('a', '{}'), upd('b', '{"v":1}')]);
    const r = await verifyLog(recs, await memoryStore({}));
    expect(r.issues.map((i) => i.offset)).toEqual([recs[1]!.offset, recs[0]!.offset, recs[2]!.offset]);
  });

  it('without a store, nothing is compared', async () => {
    const r = await run([ins('a', '{}')]);
    expect(r).toMatchObject({ passed: true, affectedDocuments: 1, checkedAgainstStore: false, issues: [] });
  });
});
