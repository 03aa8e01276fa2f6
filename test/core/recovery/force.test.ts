import { afterEach, describe, expect, it } from 'vitest';
import { begin, del, ins, rollback, upd } from '../store/store-fixture.js';
import { cleanupStores, counts, recoverOn } from './recover-helper.js';

afterEach(cleanupStores);
const T1 = 'tx-one-000000000000000000000000a';

describe('force recovery (the original\'s documented intent)', () => {
  it('insert of an existing document replaces it; update of a missing one creates it; no merge', async () => {
    const r = await recoverOn({ a: '{"v":1,"k":1}', b: '{"keep":true}' }, [ins('a', '{"v":2}'), upd('m', '{"w":1}'), upd('b', '{"x":1}')], 'force');
    expect(counts(r.plan)).toEqual([3, 0, 0]);
    expect(r.live).toEqual({ a: '{"v":2}', b: '{"x":1}', m: '{"w":1}' });
  });

  it('equal data counts as recovered but changes no file', async () => {
    const r = await recoverOn({ a: '{"v":1}' }, [ins('a', '{"v":1}'), upd('a', '{"v":1}')], 'force');
    expect(counts(r.plan)).toEqual([2, 0, 0]);
    expect(r.plan.changes).toEqual([]);
  });

  it('the last write wins: the store ends as the log says', async () => {
    const r = await recoverOn({ a: '{"v":0}' }, [ins('a', '{"v":1}'), del('a'), ins('a', '{"v":3}'), upd('b', '{"v":1}'), del('b'), ins('c', '{"v":1}'), upd('c', '{"w":2}')], 'force');
    expect(r.live).toEqual({ a: '{"v":3}', c: '{"w":2}' });
    expect(r.deleted).toEqual({ a: '{"v":1}', b: '{"v":1}' });
  });

  it('delete: recovered when present, skipped when absent', async () => {
    const r = await recoverOn({ a: '{}' }, [del('a'), del('a')], 'force');
    expect(counts(r.plan)).toEqual([1, 1, 0]);
  });

  it('order of checks: control entries, missing data (no id check), invalid JSON, invalid id', async () => {
    const r = await recoverOn({}, [begin(T1), rollback(T1), ins('../x'), upd('../x', '{bad'), ins('../x', '{}'), del('a\\b')], 'force');
    expect(counts(r.plan)).toEqual([0, 3, 3]);
    expect(r.plan.failures.map((f) => f.reason.replace(/(WAL entry): .*/, '$1'))).toEqual([
      'Serialization error: Invalid JSON in WAL entry',
      'I/O error: Invalid document ID: ../x',
      'I/O error: Invalid document ID: a\\b',
    ]);
  });

  it('numbers keep their text through a force write', async () => {
    const r = await recoverOn({}, [ins('n', '{"big":12345678901234567890123456789,"f":1.50,"e":1E5,"z":-0}')], 'force');
    expect(r.live).toEqual({ n: '{"big":12345678901234567890123456789,"e":1e+5,"f":1.50,"z":0}' });
  });
});
