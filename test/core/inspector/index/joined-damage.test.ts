import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DamageImpact } from '../../../../core/contract/contract.js';
import type { WorkerMessage } from '../../../../core/inspector/index/index-messages.js';
import { IndexWriter } from '../../../../core/inspector/index/index-writer.js';
import { RowStore } from '../../../../core/inspector/index/row-store.js';
import { analyzeDamage } from '../../../../core/wal/damage/analyze-damage.js';
import { withImpact } from '../../../../core/wal/damage/impact-stream.js';
import { locateLog } from '../../../../core/wal/log-location.js';
import { readLogMarkingRepairable } from '../../../../core/wal/repair/mark-repairable.js';
import { seededRandom } from '../../../support/random-entries.js';
import { concat, entryOfSize, layoutOf } from '../../wal/repair/repair-fixtures.js';
import { harness, must, tempDir } from '../support/inspector-fixtures.js';
import { expectSameRows, indexFiles } from './index-fixtures.js';

const h = harness();
afterAll(() => h.service.close());

/** What dump prints for each damaged range (readLogMarkingRepairable + withImpact, as the dump use case reads). */
async function dumpImpacts(file: string): Promise<DamageImpact[]> {
  const out: DamageImpact[] = [];
  for await (const r of withImpact(readLogMarkingRepairable(await locateLog(file)))) if (r.kind === 'damage') out.push(r.impact!);
  return out;
}

/**
 * A log of entries of 0..3,000 data bytes; in every seventh entry with a two-byte data length,
 * one set bit of that length cleared: the entry claims fewer bytes, so the reader reports it as
 * two touching ranges (the shorter entry with a bad CRC, then the rest), which one flipped bit
 * explains together. A few other entries get a flipped bit in their data (one range each).
 */
function splitLog(seed: number): Uint8Array {
  const rand = seededRandom(seed);
  const parts: Uint8Array[] = [];
  let eligible = 0;
  for (let i = 0; i < 120; i++) {
    const e = entryOfSize(Math.floor(rand() * 3000), seed * 1000 + i).slice();
    const l = layoutOf(e);
    if (l.dataLenPos >= 0 && l.dataStart - l.dataLenPos === 2 && eligible++ % 7 === 3) {
      const set = [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14].filter((b) => e[l.dataLenPos + (b >> 3)]! & (1 << (b & 7)));
      const b = set[Math.floor(rand() * set.length)]!;
      e[l.dataLenPos + (b >> 3)]! ^= 1 << (b & 7);
    } else if (l.dataLen > 8 && i % 17 === 5) {
      e[l.dataStart + Math.floor(rand() * l.dataLen)]! ^= 1 << Math.floor(rand() * 8);
    }
    parts.push(e);
  }
  return concat(parts);
}

describe('the index joins touching ranges one flipped bit explains, as dump does', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: damage.list and rows.page carry the impacts dump prints', async (seed) => {
    const file = path.join(tempDir('joined-damage-'), `split-${seed}.wal`);
    fs.writeFileSync(file, splitLog(seed));
    const expected = await dumpImpacts(file);
    const joined = expected.filter((i) => i.incident.parts > 1 && i.cause.kind === 'single-bit');
    expect(joined.length).toBeGreaterThanOrEqual(4);
    const info = await h.open(file);
    const list = must(await h.api.damage.list({ session_id: info.session_id, offset: 0, limit: 1000 }));
    expect(list.items.map((d) => d.impact)).toEqual(expected);
    const page = must(await h.api.rows.page({ session_id: info.session_id, offset: 0, limit: 10_000 }));
    expect(page.rows.filter((r) => r.kind === 'damage').map((r) => r.impact)).toEqual(expected);
  });
});

describe('the estimate of a range one flipped bit explains', () => {
  it.each([1, 2, 3])('seed %i: one entry where the rebuilt entry starts, none in the later parts of it (dump and the index agree)', async (seed) => {
    const file = path.join(tempDir('joined-estimate-'), `split-${seed}.wal`);
    fs.writeFileSync(file, splitLog(seed));
    const ranges: Array<{ offset: number; impact: DamageImpact }> = [];
    for await (const r of withImpact(readLogMarkingRepairable(await locateLog(file)))) if (r.kind === 'damage') ranges.push({ offset: r.offset, impact: r.impact! });
    const impacts = ranges.map((r) => r.impact);
    const single = ranges.filter((r) => r.impact.cause.kind === 'single-bit');
    expect(single.length).toBeGreaterThanOrEqual(6);
    const joined = single.filter((r) => r.impact.cause.entry).map((r) => r.impact);
    expect(joined.length).toBeGreaterThanOrEqual(4);
    for (const { offset, impact } of single) {
      const starts = !impact.cause.entry || impact.cause.entry.offset === offset;
      expect(impact.estimate, JSON.stringify(impact.cause)).toEqual({ entries: starts ? 1 : 0, method: 'exact' });
    }
    expect(single.filter((r) => r.impact.estimate!.entries === 0).length).toBeGreaterThanOrEqual(2);
    // Per joined incident: exactly the one entry the repair rebuilds.
    const byIncident = new Map<number, number>();
    for (const i of joined) byIncident.set(i.incident.index, (byIncident.get(i.incident.index) ?? 0) + i.estimate!.entries);
    expect([...byIncident.values()].every((n) => n === 1)).toBe(true);
    const info = await h.open(file);
    const list = must(await h.api.damage.list({ session_id: info.session_id, offset: 0, limit: 1000 }));
    expect(list.items.map((d) => d.impact?.estimate)).toEqual(impacts.map((i) => i.estimate));
  });
});

describe('the index on two threads joins them across the seams between pieces', () => {
  // The first thread keeps piece 0; the second reads the rest, so every seam is one the pieces meet at.
  it.each([1, 2, 3])('seed %i: every piece count gives the serial index\'s analyses', async (seed) => {
    const file = path.join(tempDir('joined-seams-'), `split-${seed}.wal`);
    fs.writeFileSync(file, splitLog(seed));
    const serial = await indexFiles([file], { splitBytes: Infinity });
    const joined = serial.damageRows.filter((r) => { const c = serial.damageInfo(r)!.analysis!.cause; return c.kind === 'single-bit' && c.field === 'data-length'; });
    expect(joined.length).toBeGreaterThanOrEqual(4);
    let seamsInside = 0;
    for (let pieces = 2; pieces <= 200; pieces += 7) {
      const pieceBytes = Math.ceil(fs.statSync(file).size / pieces);
      // Seams that fall inside a joined incident (the case a per-piece join misses).
      seamsInside += joined.filter((r) => Math.floor(serial.offset(r) / pieceBytes) !== Math.floor((serial.offset(r) + serial.length(r) - 1) / pieceBytes)).length;
      expectSameRows(await indexFiles([file], { splitBytes: 0, splitPieces: pieces, splitFirstPieces: 1 }), serial, `seed ${seed}, ${pieces} pieces`);
    }
    expect(seamsInside).toBeGreaterThan(0);
  }, 120_000);
});

describe('IndexWriter.amendDamage', () => {
  const analysis = (detail: string) => analyzeDamage({ kind: 'undecodable', detail, bytes: new Uint8Array(0), length: 10, remaining: 10 });

  it('changes an unsent note in place, and sends one already sent again as an amending note the store applies', () => {
    const messages: WorkerMessage[] = [];
    const w = new IndexWriter((m) => messages.push(m));
    const a = w.addDamage(0, 0, 10, 'undecodable', 'a', analysis('a'));
    const b = w.addDamage(0, 10, 10, 'undecodable', 'b', analysis('b'));
    w.flush(20);
    const better = { ...analysis('a'), cause: { kind: 'single-bit' as const, bit: 3, field: 'data-length' as const, text: 'one bit differs' } };
    w.amendDamage({ row: a, segment: 0, offset: 0, length: 10, damage: 'undecodable', detail: 'a' }, better);
    const c = w.addDamage(0, 20, 10, 'undecodable', 'c', analysis('c'));
    w.amendDamage({ row: c, segment: 0, offset: 20, length: 10, damage: 'undecodable', detail: 'c' }, better);
    w.flush(30);
    const sent = messages.filter((m) => m.t === 'damage').map((m) => (m as Extract<WorkerMessage, { t: 'damage' }>).items.map((d) => [d.row, d.amend ?? false]));
    expect(sent).toEqual([[[a, false], [b, false]], [[a, true], [c, false]]]);
    const store = new RowStore();
    for (const m of messages) if (m.t === 'damage') store.addDamage(m.items);
    expect(store.damageRows).toEqual([a, b, c]);
    expect(store.damageInfo(a)!.analysis!.cause.kind).toBe('single-bit');
    expect(store.damageInfo(b)!.analysis!.cause.kind).not.toBe('single-bit');
    expect(store.damageInfo(c)!.analysis!.cause.kind).toBe('single-bit');
  });
});
