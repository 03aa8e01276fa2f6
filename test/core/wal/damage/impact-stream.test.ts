import { describe, expect, it } from 'vitest';
import { withImpact } from '../../../../core/wal/damage/impact-stream.js';
import { createEntry } from '../../../../core/wal/new-entry.js';
import type { WalRecord } from '../../../../core/wal/records.js';

const entry = (offset: number): WalRecord => ({
  kind: 'entry', segment: 's.wal', offset, length: 10,
  entry: createEntry({ entryType: 'Insert', transactionId: 't', collection: 'c', documentId: `d${offset}`, timestamp: BigInt(1000 + offset), data: '{}' }),
});
const damage = (offset: number, length = 5): WalRecord => ({ kind: 'damage', segment: 's.wal', offset, length, damage: 'undecodable', detail: 'x' });

describe('withImpact as a stream', () => {
  it('keeps file order: entries pass at once, damage waits for the next entry, the end flushes', async () => {
    const input = [entry(0), damage(10), damage(15), entry(20), damage(30)];
    const out: WalRecord[] = [];
    for await (const r of withImpact((async function* () { yield* input; })())) out.push(r);
    expect(out.map((r) => [r.kind, r.offset])).toEqual(input.map((r) => [r.kind, r.offset]));
    const ds = out.filter((r) => r.kind === 'damage');
    expect(ds.map((d) => [d.impact!.incident.index, d.impact!.incident.part, d.impact!.incident.parts])).toEqual([[0, 0, 2], [0, 1, 2], [1, 0, 1]]);
    expect(ds[0]!.impact!.after?.offset).toBe(20);
    expect(ds[2]!.impact!.before?.offset).toBe(20);
    expect(ds[2]!.impact!.after).toBeNull();
  });

  it('closing it early closes the records it reads (a dump with --limit)', async () => {
    let closed = false;
    const source = (async function* () {
      try {
        for (let i = 0; ; i++) yield entry(i * 10);
      } finally {
        closed = true;
      }
    })();
    let n = 0;
    for await (const _ of withImpact(source)) if (++n === 3) break;
    expect(closed).toBe(true);
  });

  it('without holding (follow), a range goes out at once, its incident counted so far', async () => {
    const out: WalRecord[] = [];
    for await (const r of withImpact((async function* () { yield* [entry(0), damage(10), damage(15), entry(20)]; })(), false)) out.push(r);
    const ds = out.filter((r) => r.kind === 'damage');
    expect(ds.map((d) => [d.impact!.incident.part, d.impact!.incident.parts, d.impact!.after])).toEqual([[0, 1, null], [1, 2, null]]);
  });
});
