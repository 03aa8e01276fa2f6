import { describe, expect, it } from 'vitest';
import { parseRange, parseUntil } from '../../../core/history/history-target.js';
import { rewriteLog, type RewriteSpec } from '../../../core/history/rewrite-log.js';
import { json } from '../store/store-fixture.js';
import { toRecords } from '../store/store-fixture.js';
import { B, C, compact, D, entries, I, R, records, source, tx, U, type Step } from './history-fixture.js';

const SEG = ['transactions.wal'];

async function run(steps: Step[], spec: RewriteSpec) {
  const rs = records(steps);
  const result = await rewriteLog(source(rs), SEG, spec);
  const states: Record<string, unknown> = {};
  for (const [id, o] of result.outcomes) {
    states[id] = o.kind === 'state' ? compact(o.state === null ? null : json(o.state)) : o.kind === 'conflict' ? { conflict: o.conflict } : { incomplete: o.reason };
  }
  return { result, states, rs };
}

const X = tx('bad');
const L = tx('later');

describe('--until', () => {
  const steps: Step[] = [
    I('a', '{"n":1}', { at: 10 }), U('a', '{"n":2}', { at: 20 }), I('b', '{"v":"x"}', { at: 30 }),
    U('a', '{"n":3}', { at: 40 }), D('b', { at: 50 }), I('c', '{"k":1}', { at: 60 }),
  ];
  it('by milliseconds: documents touched later get their state at T, others are untouched', async () => {
    const { states } = await run(steps, { until: parseUntil(String(1_732_400_000_000 + 25)) });
    expect(states).toEqual({ a: '{"n":2}', b: null, c: null });
  });
  it('--exclusive stops before an entry at exactly T', async () => {
    const at40 = String(1_732_400_000_000 + 40);
    expect((await run(steps, { until: parseUntil(at40) })).states).toEqual({ b: '{"v":"x"}', c: null });
    expect((await run(steps, { until: parseUntil(at40), exclusive: true })).states).toEqual({ a: '{"n":2}', b: '{"v":"x"}', c: null });
  });
  it('by ISO time', async () => {
    const iso = new Date(1_732_400_000_000 + 30).toISOString();
    expect((await run(steps, { until: parseUntil(iso) })).states).toEqual({ a: '{"n":2}', b: '{"v":"x"}', c: null });
  });
  it('by segment:offset, inclusive and exclusive', async () => {
    const rs = records(steps);
    const third = rs[2]!;
    const target = parseUntil(`${third.segment}:${third.offset}`);
    expect((await run(steps, { until: target })).states).toEqual({ a: '{"n":2}', b: '{"v":"x"}', c: null });
    expect((await run(steps, { until: target, exclusive: true })).states).toEqual({ a: '{"n":2}', b: null, c: null });
  });
  it('by transaction id: through its Commit; --exclusive from its first entry', async () => {
    const t = tx('grp');
    const s: Step[] = [I('a', '{"n":1}'), B(t), U('a', '{"n":2}', { tx: t }), I('b', '{"v":1}'), C(t), U('a', '{"n":3}')];
    expect((await run(s, { until: parseUntil(t) })).states).toEqual({ a: '{"n":2}' });
    expect((await run(s, { until: parseUntil(t), exclusive: true })).states).toEqual({ a: '{"n":1}', b: null });
  });
  it('an unknown segment or transaction is TARGET_NOT_FOUND', async () => {
    await expect(run(steps, { until: parseUntil('transactions.1.wal:0') })).rejects.toMatchObject({ code: 'TARGET_NOT_FOUND' });
    await expect(run(steps, { until: parseUntil('nosuchtransaction') })).rejects.toMatchObject({ code: 'TARGET_NOT_FOUND' });
  });
  it('merges: the state at T is the deep merge of the updates so far', async () => {
    const s: Step[] = [I('a', '{"p":{"x":1,"y":2},"q":1}', { at: 1 }), U('a', '{"p":{"x":5}}', { at: 2 }), U('a', '{"q":2}', { at: 3 })];
    expect((await run(s, { until: parseUntil(String(1_732_400_000_002)) })).states).toEqual({ a: '{"p":{"x":5,"y":2},"q":1}' });
  });
  it('deletes and re-inserts', async () => {
    const s: Step[] = [I('a', '{"v":1}', { at: 1 }), D('a', { at: 2 }), I('a', '{"v":2}', { at: 3 }), U('a', '{"v":3}', { at: 4 })];
    expect((await run(s, { until: parseUntil(String(1_732_400_000_002)) })).states).toEqual({ a: null });
    expect((await run(s, { until: parseUntil(String(1_732_400_000_003)) })).states).toEqual({ a: '{"v":2}' });
  });
  it('a history that does not start with an Insert is incomplete, whatever the target', async () => {
    const s: Step[] = [U('a', '{"v":1}', { at: 1 }), U('a', '{"v":2}', { at: 2 }), D('z', { at: 3 }), I('z', '{"v":1}', { at: 4 })];
    const { states } = await run(s, { until: parseUntil(String(1_732_400_000_001)) });
    expect(Object.keys(states).sort()).toEqual(['a', 'z']);
    expect(states['a']).toMatchObject({ incomplete: expect.stringContaining('does not start with an Insert') });
    expect(states['z']).toMatchObject({ incomplete: expect.any(String) });
  });
  it('uncommitted work is left out by default, kept with includeUncommitted, and counted', async () => {
    const t1 = tx('rolled'), t2 = tx('open');
    const s: Step[] = [I('a', '{"v":1}'), B(t1), U('a', '{"v":2}', { tx: t1 }), R(t1), B(t2), I('b', '{"v":1}', { tx: t2 }), U('a', '{"w":1}')];
    const until = parseUntil(String(1_732_400_000_000 + 100));
    const out = await run(s, { until });
    // Nothing after T, so only documents rewritten by leaving work out change.
    expect(out.states).toEqual({ a: '{"v":1,"w":1}', b: null });
    expect(out.result.uncommitted).toBe('excluded');
    expect(out.result.uncommittedEntries).toBe(2);
    expect(out.result.passes).toBe(2);
    const kept = await run(s, { until, includeUncommitted: true });
    expect(kept.states).toEqual({});
    expect(kept.result.passes).toBe(1);
  });
});

describe('--exclude-tx', () => {
  it('a later independent change is kept; the excluded change is undone', async () => {
    const s: Step[] = [I('a', '{"name":"x","price":1}'), U('a', '{"name":"x","price":999}', { tx: X }), U('a', '{"name":"y","price":999}', { tx: L })];
    const { states, result } = await run(s, { excludeTransactions: new Set([X]) });
    expect(states).toEqual({ a: '{"name":"y","price":1}' });
    expect(result.excludedEntries).toBe(1);
  });
  it('a later change of the same path is a conflict: listed, left as it is by default', async () => {
    const s: Step[] = [I('a', '{"p":1,"q":1}'), U('a', '{"p":2,"q":1}', { tx: X }), U('a', '{"p":3,"q":1}', { tx: L })];
    const { states } = await run(s, { excludeTransactions: new Set([X]) });
    expect(states).toEqual({ a: { conflict: { paths: ['$.p'], transactions: [L], excluded: [X] } } });
  });
  it('--on-conflict later keeps the later value, excluded drops the later change', async () => {
    const s: Step[] = [I('a', '{"p":1,"q":1}'), U('a', '{"p":2,"q":1}', { tx: X }), U('a', '{"p":3,"q":5}', { tx: L })];
    expect((await run(s, { excludeTransactions: new Set([X]), onConflict: 'later' })).states).toEqual({ a: '{"p":3,"q":5}' });
    expect((await run(s, { excludeTransactions: new Set([X]), onConflict: 'excluded' })).states).toEqual({ a: '{"p":1,"q":5}' });
  });
  it('paths overlap either way: a change inside an object the excluded entry replaced conflicts, and the reverse', async () => {
    const inside: Step[] = [I('a', '{"o":{"x":1}}'), U('a', '{"o":{"x":1,"y":2}}', { tx: X }), U('a', '{"o":{"x":1,"y":3}}', { tx: L })];
    expect((await run(inside, { excludeTransactions: new Set([X]) })).states['a']).toMatchObject({ conflict: { paths: ['$.o.y'] } });
    const outer: Step[] = [I('a', '{"o":{"x":1}}'), U('a', '{"o":{"x":2}}', { tx: X }), U('a', '{"o":"flat"}', { tx: L })];
    expect((await run(outer, { excludeTransactions: new Set([X]) })).states['a']).toMatchObject({ conflict: { paths: ['$.o'] } });
  });
  it('a document created by the excluded transaction: removed; a later update of it conflicts', async () => {
    const s: Step[] = [I('n', '{"v":1}', { tx: X }), I('m', '{"v":1}', { tx: X }), U('m', '{"v":2}', { tx: L })];
    const { states } = await run(s, { excludeTransactions: new Set([X]) });
    expect(states['n']).toBeNull();
    expect(states['m']).toMatchObject({ conflict: { paths: ['$.v'], transactions: [L] } });
    expect((await run(s, { excludeTransactions: new Set([X]), onConflict: 'later' })).states['m']).toBe('{"v":2}');
    expect((await run(s, { excludeTransactions: new Set([X]), onConflict: 'excluded' })).states['m']).toBeNull();
  });
  it('a later delete of a document the excluded transaction created is a conflict', async () => {
    const s: Step[] = [I('n', '{"v":1}', { tx: X }), D('n', { tx: L })];
    expect((await run(s, { excludeTransactions: new Set([X]) })).states['n']).toMatchObject({ conflict: { paths: ['$'], transactions: [L] } });
  });
  it('a later delete of a document the excluded transaction only updated is independent', async () => {
    const s: Step[] = [I('a', '{"v":1}'), U('a', '{"v":2}', { tx: X }), D('a', { tx: L })];
    expect((await run(s, { excludeTransactions: new Set([X]) })).states).toEqual({ a: null });
  });
  it('a document deleted by the excluded transaction comes back; a later re-insert conflicts', async () => {
    const s: Step[] = [I('a', '{"v":1}'), I('b', '{"v":1}'), D('a', { tx: X }), D('b', { tx: X }), I('b', '{"v":9}', { tx: L })];
    const { states } = await run(s, { excludeTransactions: new Set([X]) });
    expect(states['a']).toBe('{"v":1}');
    expect(states['b']).toMatchObject({ conflict: { paths: ['$'], transactions: [L] } });
  });
  it('a removed key is a change of its own', async () => {
    const s: Step[] = [I('a', '{"p":1,"q":1}'), U('a', '{"p":2,"q":1}', { tx: X })];
    // An Update cannot remove a key (deep merge); a re-insert can.
    const s2: Step[] = [...s, D('a', { tx: L }), I('a', '{"p":2}', { tx: L })];
    expect((await run(s2, { excludeTransactions: new Set([X]) })).states).toEqual({ a: '{"p":2}' });
  });
  it('--exclude-range leaves out a time window', async () => {
    const s: Step[] = [I('a', '{"p":1,"q":1}', { at: 0 }), U('a', '{"p":2,"q":1}', { at: 5 }), U('a', '{"p":2,"q":7}', { at: 9 })];
    const range = parseRange(`${1_732_400_000_004}..${1_732_400_000_006}`);
    expect((await run(s, { excludeRange: range })).states).toEqual({ a: '{"p":1,"q":7}' });
  });
  it('unknown excluded transactions are reported', async () => {
    const { result } = await run([I('a', '{}')], { excludeTransactions: new Set(['nope']) });
    expect(result.unknownTransactions).toEqual(['nope']);
    expect(result.outcomes.size).toBe(0);
  });
  it('document filters narrow the rewrite', async () => {
    const s: Step[] = [I('order-1', '{"v":1}', { tx: X }), I('user-1', '{"v":1}', { tx: X })];
    expect(Object.keys((await run(s, { excludeTransactions: new Set([X]), document: { prefix: 'order-' } })).states)).toEqual(['order-1']);
    expect(Object.keys((await run(s, { excludeTransactions: new Set([X]), document: { id: 'user-1' } })).states)).toEqual(['user-1']);
  });
});

describe('document ids read once per distinct bytes', () => {
  it('ids stored with different padding are one document; an invalid id counts on each of its entries', async () => {
    const [a1, a2, a3, bad1, bad2] = entries([I('a', '{"n":1}'), U('a', '{"n":2}'), U('a', '{"n":3}'), I('../x', '{"v":1}'), U('../x', '{"v":2}')]);
    // The same id padded to 32 bytes instead of 16: the same text, so the same document.
    const padded = new Uint8Array(32);
    padded.set(a2!.documentId);
    const rs = toRecords([a1!, { ...a2!, documentId: padded }, a3!, bad1!, bad2!]);
    const result = await rewriteLog(source(rs), SEG, { until: parseUntil(String(1_732_400_000_000 + 1)) });
    expect([...result.outcomes.keys()]).toEqual(['a']);
    expect(result.outcomes.get('a')).toEqual({ kind: 'state', state: '{"n":2}' });
    expect(result.invalidIds).toBe(2);
  });
});
