import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withImpact } from '../../../../core/wal/damage/impact-stream.js';
import { locateLog } from '../../../../core/wal/log-location.js';
import { readLog } from '../../../../core/wal/read-log.js';
import type { DamageRecord } from '../../../../core/wal/records.js';
import { GOLDEN } from '../../../support/paths.js';

async function damageOf(file: string): Promise<DamageRecord[]> {
  const out: DamageRecord[] = [];
  for await (const r of withImpact(readLog(await locateLog(path.join(GOLDEN, file))))) if (r.kind === 'damage') out.push(r);
  return out;
}

describe('golden damaged files get their impact', () => {
  it('damaged-data-bitflip.wal: one entry, exact, its unverified fields, the neighbours and the gap', async () => {
    const [d, ...rest] = await damageOf('damaged-data-bitflip.wal');
    expect(rest).toEqual([]);
    const i = d!.impact!;
    expect(i.estimate).toEqual({ entries: 1, method: 'exact' });
    expect(i.unverified).toMatchObject({ entry_type: 'Insert', collection: 'orders', document_id: 'order-1001', timestamp: '1732400007447', partial: false });
    // The flipped bit is in the data ("items" → "Items"): the unverified fields are the repaired entry's.
    expect(i.unverified!.data).toContain('"items"');
    expect(i.before).toMatchObject({ offset: 353, entry_type: 'Commit', timestamp: '1732400005496' });
    expect(i.after).toMatchObject({ offset: 646, entry_type: 'Update', timestamp: '1732400009928' });
    expect(i.gap_ms).toBe(String(1732400009928 - 1732400005496));
    expect(i.incident).toEqual({ index: 0, part: 0, parts: 1, offset: 432, length: 214, documents: ['order-1001'] });
    // 0x20 flipped in "items" (byte 0x57 of the entry's data region): the repair locator finds that one bit.
    expect(i.cause).toMatchObject({ kind: 'single-bit', field: 'data' });
    expect(i.cause.text).toMatch(/^one bit differs \(bit 5 of byte \+0x[0-9a-f]+, in its data\).*can be repaired exactly$/);
  });

  it('damaged-zero-run.wal: two ranges, one incident with two parts, both a zeroed run', async () => {
    const ds = await damageOf('damaged-zero-run.wal');
    expect(ds.map((d) => [d.damage, d.impact!.cause.kind, d.impact!.incident])).toEqual([
      // The documents the incident touches: the first part's fields still name one; the second's do not decode.
      ['crc-mismatch', 'zeroed-run', { index: 0, part: 0, parts: 2, offset: 2184, length: 285, documents: ['evt-0001'] }],
      ['undecodable', 'zeroed-run', { index: 0, part: 1, parts: 2, offset: 2184, length: 285, documents: ['evt-0001'] }],
    ]);
    const [first, second] = ds;
    // The run of the first part ends where the second part's begins (64 zero bytes, 20 + 44).
    expect(first!.impact!.cause.run).toEqual({ offset: 122, length: 20 });
    expect(second!.impact!.cause.run!.offset).toBe(0);
    expect(second!.impact!.cause.run!.length).toBeGreaterThanOrEqual(44);
    expect(first!.impact!.estimate).toEqual({ entries: 1, method: 'exact' });
    expect(second!.impact!.estimate).toEqual({ entries: 1, method: 'mean-size' });
    expect(first!.impact!.unverified?.document_id).toBe('evt-0001');
    // Both parts share the neighbours of the incident.
    expect(second!.impact!.before).toEqual(first!.impact!.before);
    expect(second!.impact!.after).toEqual(first!.impact!.after);
    expect(first!.impact!.after).toMatchObject({ offset: 2469, entry_type: 'Begin' });
  });

  it('damaged-truncated.wal: a torn tail naming the entry it cut, no entry after it', async () => {
    const [d] = await damageOf('damaged-truncated.wal');
    const i = d!.impact!;
    expect(i.cause.kind).toBe('torn-tail');
    expect(i.cause.text).toContain('user-6');
    expect(i.unverified).toMatchObject({ entry_type: 'Insert', document_id: 'user-6', partial: true, data: null });
    expect(i.after).toBeNull();
    expect(i.gap_ms).toBeNull();
    expect(i.estimate).toEqual({ entries: 1, method: 'boundaries' });
  });

  it('damaged-length-varint.wal: one flipped bit in the data length, the repaired entry read unverified', async () => {
    const [d] = await damageOf('damaged-length-varint.wal');
    expect(d!.impact!.cause).toMatchObject({ kind: 'single-bit', field: 'data-length' });
    expect(d!.impact!.unverified).toMatchObject({ document_id: 'user-3', partial: false });
    expect(JSON.parse(d!.impact!.unverified!.data!)).toMatchObject({ name: 'Zoë 😀' });
  });

  it('damaged-inserted-garbage.wal and damaged-garbage.wal: foreign bytes, estimated from the neighbours', async () => {
    const [inserted] = await damageOf('damaged-inserted-garbage.wal');
    expect(inserted!.impact!.cause.kind).toBe('foreign-bytes');
    expect(inserted!.impact!.estimate!.method).toBe('mean-size');
    expect(inserted!.impact!.unverified).toBeNull();
    const [garbage] = await damageOf('damaged-garbage.wal');
    expect(garbage!.impact).toMatchObject({ before: null, after: null, cause: { kind: 'foreign-bytes' }, estimate: { entries: 1, method: 'mean-size' } });
  });

  it('damaged-lines.jsonl: three separate incidents of one line each', async () => {
    const ds = await damageOf('damaged-lines.jsonl');
    expect(ds.map((d) => [d.impact!.incident.index, d.impact!.incident.parts, d.impact!.estimate])).toEqual([
      [0, 1, { entries: 1, method: 'exact' }], [1, 1, { entries: 1, method: 'exact' }], [2, 1, { entries: 1, method: 'exact' }],
    ]);
    expect(ds.every((d) => d.impact!.cause.kind === 'invalid-line')).toBe(true);
  });

  it('leaves intact logs and their entries alone', async () => {
    expect(await damageOf('basic.wal')).toEqual([]);
  });
});
