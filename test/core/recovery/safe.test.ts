import { afterEach, describe, expect, it } from 'vitest';
import { begin, commit, del, ins, rollback, upd } from '../store/store-fixture.js';
import { cleanupStores, counts, recoverOn } from './recover-helper.js';

afterEach(cleanupStores);
const T1 = 'tx-one-000000000000000000000000a';
const T2 = 'tx-two-000000000000000000000000b';

describe('safe recovery (the original\'s recover_from_wal_safe)', () => {
  it('crash before the document write: inserts and updates that never reached a file are applied', async () => {
    const r = await recoverOn({ a: '{"v":1}' }, [ins('a', '{"v":1}'), upd('a', '{"v":2}'), ins('b', '{"w":1}')], 'safe');
    expect(counts(r.plan)).toEqual([2, 1, 0]);
    expect(r.live).toEqual({ a: '{"v":2}', b: '{"w":1}' });
    expect(r.plan.changes.map((c) => [c.operation, c.documentId])).toEqual([['update', 'a'], ['insert', 'b']]);
  });

  it('already applied: nothing changes (an insert+delete of a gone document still counts, as the original counts it)', async () => {
    const r = await recoverOn({ a: '{"v":2}' }, [ins('a', '{"v":1}'), upd('a', '{"v":2}'), ins('b', '{}'), del('b')], 'safe', { deleted: { b: '{}' } });
    expect(counts(r.plan)).toEqual([2, 2, 0]);
    expect(r.plan.changes).toEqual([]);
    expect(r.live).toEqual({ a: '{"v":2}' });
    expect(r.deleted).toEqual({ b: '{}' });
  });

  it('insert of an existing document is skipped, even with different data', async () => {
    const r = await recoverOn({ a: '{"v":1}' }, [ins('a', '{"v":9}')], 'safe');
    expect(counts(r.plan)).toEqual([0, 1, 0]);
    expect(r.live).toEqual({ a: '{"v":1}' });
  });

  it('update of a missing document is skipped; update with equal data is skipped (numbers by text)', async () => {
    const r = await recoverOn({ a: '{"p":1}', b: '{"p":1.0}' }, [upd('x', '{}'), upd('a', '{"p":1}'), upd('b', '{"p":1}')], 'safe');
    expect(counts(r.plan)).toEqual([1, 2, 0]);
    expect(r.live).toEqual({ a: '{"p":1}', b: '{"p":1}' });
  });

  it('update deep-merges into the stored document (the merge may change nothing and still count)', async () => {
    const r = await recoverOn({ a: '{"k":1,"o":{"x":1,"y":2}}', b: '{"k":1,"j":2}' }, [upd('a', '{"o":{"y":3}}'), upd('b', '{"k":1}')], 'safe');
    expect(counts(r.plan)).toEqual([2, 0, 0]);
    expect(r.live).toEqual({ a: '{"k":1,"o":{"x":1,"y":3}}', b: '{"j":2,"k":1}' });
    expect(r.plan.changes.map((c) => c.documentId)).toEqual(['a']);
  });

  it('delete: applied when present (soft delete), skipped when missing', async () => {
    const r = await recoverOn({ a: '{}' }, [del('a'), del('zz')], 'safe');
    expect(counts(r.plan)).toEqual([1, 1, 0]);
    expect(r.live).toEqual({});
    expect(r.deleted).toEqual({ a: '{}' });
  });

  it('repeated (document, transaction) pairs are skipped, whether the first was applied or skipped', async () => {
    const r = await recoverOn({}, [begin(T1, 'a'), ins('a', '{"v":1}', T1), upd('a', '{"v":2}', T1), ins('b', '{"v":1}', T2), ins('b', '{"v":2}', T2)], 'safe');
    // Begin (a,T1) marks the pair seen: the Insert and Update of a in T1 are skipped
    expect(counts(r.plan)).toEqual([1, 4, 0]);
    expect(r.live).toEqual({ b: '{"v":1}' });
  });

  it('a failed entry does not mark its pair: a later entry with the same pair is replayed', async () => {
    const r = await recoverOn({}, [ins('a', '{bad', T1), ins('a', '{"v":1}', T1)], 'safe');
    expect(counts(r.plan)).toEqual([1, 0, 1]);
    expect(r.plan.failures[0]).toMatchObject({ transactionId: T1, documentId: 'a', operationType: 'Insert' });
    expect(r.plan.failures[0]!.reason).toMatch(/^Serialization error: Invalid JSON in WAL insert: /);
  });

  it('missing and invalid data: skipped without data, failed on invalid JSON; data on Delete/Begin is never parsed', async () => {
    const r = await recoverOn({ d: '{}' }, [ins('a'), upd('a'), upd('d', '[1,'), del('d', undefined, '{nope'), { type: 'Begin', doc: 'x', tx: T1, data: '{nope' }], 'safe');
    expect(counts(r.plan)).toEqual([1, 3, 1]);
    expect(r.plan.failures.map((f) => f.reason.replace(/: [^:]*$/, ''))).toEqual(['Serialization error: Invalid JSON in WAL update']);
  });

  it('data that is the JSON text null is data', async () => {
    const r = await recoverOn({ a: '{"v":1}' }, [ins('n', 'null'), upd('a', 'null')], 'safe');
    expect(counts(r.plan)).toEqual([2, 0, 0]);
    expect(r.live).toEqual({ a: 'null', n: 'null' });
  });

  it('invalid ids fail with the store\'s text; entries without data are skipped before the id is checked', async () => {
    const r = await recoverOn({}, [ins('../evil', '{}'), ins('../evil'), del('CON'), upd('a/b', '{}')], 'safe');
    expect(counts(r.plan)).toEqual([0, 1, 3]);
    expect(r.plan.failures.map((f) => f.reason)).toEqual([
      'I/O error: Invalid document ID: ../evil', 'I/O error: Invalid document ID: CON', 'I/O error: Invalid document ID: a/b',
    ]);
  });

  it('partial and rolled-back transactions are replayed like any other entry (the original has no transactions)', async () => {
    const r = await recoverOn({}, [begin(T1), ins('a', '{}', T1), rollback(T1), begin(T2), ins('b', '{}', T2)], 'safe');
    expect(r.live).toEqual({ a: '{}', b: '{}' });
  });

  it('damage counts as one failed read per range, with its position, and is listed as lost', async () => {
    const { walBytes } = await import('../store/store-fixture.js');
    const good = walBytes([ins('a', '{"v":1}')]);
    const bytes = Buffer.concat([good, Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), walBytes([ins('b', '{}')])]);
    const r = await recoverOn({}, bytes, 'safe');
    expect(counts(r.plan)).toEqual([2, 0, 1]);
    expect(r.plan.failures[0]).toMatchObject({ transactionId: 'unknown', documentId: 'unknown', operationType: 'read', segment: 'transactions.wal', offset: good.length });
    expect(r.plan.failures[0]!.reason).toBe(`Failed to read WAL entry: undecodable at transactions.wal:${good.length}, 10 bytes`);
    expect(r.plan.lost).toEqual([expect.objectContaining({ offset: good.length, length: 10, damage: 'undecodable' })]);
  });

  it('entries naming another collection are applied here and flagged', async () => {
    const r = await recoverOn({}, [{ type: 'Insert', doc: 'a', data: '{}', collection: 'orders' }], 'safe');
    expect(r.live).toEqual({ a: '{}' });
    expect(r.plan.flagged).toEqual([expect.objectContaining({ documentId: 'a', collection: 'orders' })]);
    expect(r.plan.notes.join()).toContain('another collection');
  });

  it('a signed document that changes is written unsigned, with a note', async () => {
    const r = await recoverOn({ a: { data: '{"v":1}', signature: 'sig' } }, [upd('a', '{"v":2}')], 'safe');
    expect(r.plan.changes[0]).toMatchObject({ operation: 'update', rewritesSigned: true });
    expect(r.plan.notes.join()).toContain('re-written unsigned');
  });

  it('commit entries are skipped', async () => {
    const r = await recoverOn({}, [begin(T1), commit(T1)], 'safe');
    expect(counts(r.plan)).toEqual([0, 2, 0]);
  });

  it('follows the original even where its rules are not idempotent (an Update before the Insert of an absent document)', async () => {
    const r = await recoverOn({}, [upd('x', '{"a":1}'), ins('x', '{"b":2}')], 'safe');
    expect(r.live).toEqual({ x: '{"b":2}' });
    // A second run finds x present: the Update now merges, as the original's would.
    const again = await r.replan();
    expect(again.changes).toEqual([expect.objectContaining({ documentId: 'x', operation: 'update' })]);
  });
});
