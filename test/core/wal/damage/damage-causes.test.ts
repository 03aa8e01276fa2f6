import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyzeDamage } from '../../../../core/wal/damage/analyze-damage.js';
import { withImpact } from '../../../../core/wal/damage/impact-stream.js';
import { encodeBinaryEntry } from '../../../../core/wal/binary-codec.js';
import { BufferByteSource } from '../../../../core/wal/byte-source.js';
import { createEntry } from '../../../../core/wal/new-entry.js';
import type { DamageRecord, WalRecord } from '../../../../core/wal/records.js';
import { readSegmentRecords } from '../../../../core/wal/segment-reader.js';
import { randomId, seededRandom } from '../../../support/random-entries.js';

function entry(i: number, type: 'Insert' | 'Update' | 'Delete' = 'Insert', dataBytes = 120): Buffer {
  return Buffer.from(encodeBinaryEntry(createEntry({
    entryType: type, transactionId: randomId(seededRandom(i), 32), collection: 'orders', documentId: `order-${1000 + i}`,
    timestamp: 1_732_400_000_000n + BigInt(i) * 1000n, data: type === 'Delete' ? null : JSON.stringify({ n: i, pad: 'p'.repeat(dataBytes) }),
  })));
}

async function damageIn(bytes: Buffer): Promise<DamageRecord[]> {
  async function* records(): AsyncGenerator<WalRecord> {
    yield* readSegmentRecords(new BufferByteSource('crafted.wal', bytes));
  }
  const out: DamageRecord[] = [];
  for await (const r of withImpact(records())) if (r.kind === 'damage') out.push(r);
  return out;
}

/** Every bit whose flip makes the range's CRC hold, by trying each (the repair locator finds it in one pass). */
function bitsThatFix(range: Uint8Array): number[] {
  const b = Buffer.from(range);
  const found: number[] = [];
  for (let bit = 0; bit < b.length * 8; bit++) {
    b[bit >> 3]! ^= 1 << (bit & 7);
    if (zlib.crc32(b.subarray(0, b.length - 4)) === b.readUInt32LE(b.length - 4)) found.push(bit);
    b[bit >> 3]! ^= 1 << (bit & 7);
  }
  return found;
}

describe('the likely cause of a damaged range, from its bytes', () => {
  const [a, b, c] = [entry(1), entry(2), entry(3)];

  it('a zeroed run inside an entry', async () => {
    const damaged = Buffer.from(b);
    damaged.fill(0, 80, 120);
    const [d] = await damageIn(Buffer.concat([a, damaged, c]));
    expect(d!.damage).toBe('crc-mismatch');
    expect(d!.impact!.cause).toMatchObject({ kind: 'zeroed-run', run: { offset: 80, length: 40 } });
    expect(d!.impact!.cause.text).toMatch(/40 bytes at \+0x50 are zero/);
  });

  it('a zeroed run across two entries is one incident of two parts', async () => {
    const bytes = Buffer.concat([a, b, c, entry(4)]);
    bytes.fill(0, a.length + b.length - 30, a.length + b.length + 50);
    const ds = await damageIn(bytes);
    expect(ds.map((d) => d.impact!.cause.kind)).toEqual(['zeroed-run', 'zeroed-run']);
    expect(ds.map((d) => [d.impact!.incident.part, d.impact!.incident.parts])).toEqual([[0, 2], [1, 2]]);
    expect(ds[0]!.impact!.incident.length).toBe(b.length + c.length);
  });

  it('a run of 0xFF', async () => {
    const [d] = await damageIn(Buffer.concat([a, Buffer.alloc(b.length, 0xff), c]));
    expect(d!.damage).toBe('undecodable');
    expect(d!.impact!.cause).toMatchObject({ kind: 'ff-run', run: { offset: 0, length: b.length } });
    expect(d!.impact!.cause.text).toMatch(/^every byte of the range is 0xFF/);
  });

  it('a torn tail', async () => {
    const [d] = await damageIn(Buffer.concat([a, b, c.subarray(0, 85)]));
    expect(d!.damage).toBe('truncated-tail');
    expect(d!.impact!.cause.kind).toBe('torn-tail');
    expect(d!.impact!.cause.text).toContain('an Insert of order-1003');
    expect(d!.impact!.unverified).toMatchObject({ document_id: 'order-1003', timestamp: '1732400003000', partial: true });
  });

  it('foreign bytes, with no entry structure', async () => {
    const rand = seededRandom(7);
    const junk = Buffer.from(Array.from({ length: 300 }, () => 0x80 | Math.floor(rand() * 128)));
    const [d] = await damageIn(Buffer.concat([a, junk, b]));
    expect(d!.impact!.cause.kind).toBe('foreign-bytes');
    expect(d!.impact!.estimate).toEqual({ entries: Math.round(300 / ((a.length + b.length) / 2)), method: 'mean-size' });
  });

  it('an entry overwritten mid-way by another', async () => {
    const [d] = await damageIn(Buffer.concat([a, b.subarray(0, 90), c, entry(4)]));
    expect(d!.damage).toBe('undecodable');
    expect(d!.length).toBe(90);
    expect(d!.impact!.cause.kind).toBe('overwritten');
    expect(d!.impact!.cause.text).toContain('an Insert of order-1002');
    expect(d!.impact!.unverified).toMatchObject({ document_id: 'order-1002', partial: true });
  });

  it('a stored CRC of 0 is never "changed after writing"', async () => {
    const zeroCrc = Buffer.from(b);
    zeroCrc.writeUInt32LE(0, zeroCrc.length - 4);
    const [d] = await damageIn(Buffer.concat([a, zeroCrc, c]));
    expect(d!.damage).toBe('crc-mismatch');
    expect(d!.impact!.cause.kind).toBe('crc-zero');
    expect(d!.impact!.cause.text).not.toMatch(/changed after/);
    expect(d!.impact!.cause.text).toContain('0x00000000');
  });

  it('a CRC mismatch with no other explanation: its bytes changed', async () => {
    const changed = Buffer.from(b);
    changed[60]! ^= 0x01;
    changed[70]! ^= 0x01;
    const [d] = await damageIn(Buffer.concat([a, changed, c]));
    expect(d!.impact!.cause.kind).toBe('altered');
  });

  it('a single-bit error, as the repair locator finds it, with the repaired fields', async () => {
    const flipped = Buffer.from(b);
    flipped[61]! ^= 0x04;
    const [d] = await damageIn(Buffer.concat([a, flipped, c]));
    expect(bitsThatFix(flipped)).toEqual([61 * 8 + 2]);
    expect(d!.impact!.cause).toMatchObject({ kind: 'single-bit', bit: 61 * 8 + 2 });
    expect(d!.impact!.cause.text).toContain('can be repaired exactly');
    // A flip in the document id: the unverified fields are the repaired entry's.
    const inId = Buffer.from(b);
    inId[36 + 16 + 2]! ^= 0x01;
    const [e] = await damageIn(Buffer.concat([a, inId, c]));
    expect(e!.impact!.cause).toMatchObject({ kind: 'single-bit', field: 'document-id' });
    expect(e!.impact!.unverified?.document_id).toBe('order-1002');
    // Two flipped bits: no single bit explains them.
    flipped[70]! ^= 0x01;
    const r = analyzeDamage({ kind: 'crc-mismatch', detail: '', bytes: flipped, length: flipped.length, remaining: flipped.length });
    expect(bitsThatFix(flipped)).toEqual([]);
    expect(r.cause.kind).toBe('altered');
  });

  it('counts the entry headers left in a damaged range', async () => {
    // Three entries whose CRCs all fail, back to back: the scanner reports them one by one,
    // but inside one undecodable range the headers are the boundaries.
    const broken = [b, c, entry(4)].map((e) => { const x = Buffer.from(e); x[x.length - 1]! ^= 0xff; return x; });
    const range = Buffer.concat([Buffer.from([0x80, 0x81]), ...broken]);
    const r = analyzeDamage({ kind: 'undecodable', detail: 'malformed entry type varint', bytes: range, length: range.length, remaining: range.length });
    expect(r.boundaries).toBe(3);
    expect(r.cause.kind).toBe('altered');
  });

  it('ids padded with zeros are not taken for a zeroed run', async () => {
    // A 4-byte transaction id is stored with 28 bytes of zero padding, a 1-byte collection with 15.
    const short = Buffer.from(encodeBinaryEntry(createEntry({
      entryType: 'Insert', transactionId: 'tx-1', collection: 'c', documentId: 'd', timestamp: 5n, data: '{"a":1,"b":"xyz"}',
    })));
    short[short.length - 8]! ^= 0x03;
    const [d] = await damageIn(Buffer.concat([a, short, c]));
    expect(d!.damage).toBe('crc-mismatch');
    expect(d!.impact!.cause.kind).toBe('altered');
  });
});

describe('a flipped length varint that cuts one entry into two damage records', () => {
  it('both parts say single-bit, one incident, when read as dump reads (repairable marks)', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { readLogMarkingRepairable } = await import('../../../../core/wal/repair/mark-repairable.js');
    const { locateLog } = await import('../../../../core/wal/log-location.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impact-split-'));
    try {
      const [a, b, c] = [entry(1), entry(2, 'Insert', 300), entry(3)];
      const flipped = Buffer.from(b);
      const { decodeLayout, newLayout } = await import('../../../../core/wal/binary-layout.js');
      const l = newLayout();
      decodeLayout(b, 0, b.length, l);
      // The data length's second varint byte loses a bit: the entry claims fewer bytes and ends inside its own data.
      flipped[l.dataLenPos + 1]! ^= 0x02;
      const file = path.join(dir, 'split.wal');
      fs.writeFileSync(file, Buffer.concat([a, flipped, c]));
      const out: DamageRecord[] = [];
      for await (const r of withImpact(readLogMarkingRepairable(await locateLog(file)))) if (r.kind === 'damage') out.push(r);
      expect(out.length).toBeGreaterThanOrEqual(2);
      expect(out.every((d) => d.impact!.cause.kind === 'single-bit' && d.impact!.cause.field === 'data-length')).toBe(true);
      expect(new Set(out.map((d) => d.impact!.incident.index)).size).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
