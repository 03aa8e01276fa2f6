import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { locateBitError, MAX_REPAIR_BYTES } from '../../../../core/wal/repair/bit-locator.js';
import { locateBySyndrome, stepZeroByte, unstepZeroByte } from '../../../../core/wal/repair/crc-syndrome.js';
import { seededRandom } from '../../../support/random-entries.js';
import { concat, entryOfSize, fieldPositions, stepsOf } from './repair-fixtures.js';

const SIZES = [null, 0, 1, 127, 128, 1000, 5000, 11_264];

describe('the CRC syndrome of one flipped bit names it', () => {
  it('unstepZeroByte inverts stepZeroByte', () => {
    const rand = seededRandom(1);
    for (let i = 0; i < 1000; i++) {
      const v = Math.floor(rand() * 2 ** 32) >>> 0;
      expect(unstepZeroByte(stepZeroByte(v))).toBe(v);
    }
  });

  it('every bit of a 300-byte payload and its CRC, against a CRC recomputed per flip', () => {
    const rand = seededRandom(2);
    const payload = Buffer.from(Array.from({ length: 300 }, () => Math.floor(rand() * 256)));
    const crc = zlib.crc32(payload);
    for (let byte = 0; byte < 304; byte++) {
      for (let bit = 0; bit < 8; bit++) {
        const p = Buffer.from(payload);
        let stored = crc;
        if (byte < 300) p[byte] = p[byte]! ^ (1 << bit);
        else stored = (stored ^ (1 << (8 * (byte - 300) + bit))) >>> 0;
        expect(locateBySyndrome((zlib.crc32(p) ^ stored) >>> 0, 300)).toEqual([{ byte, bit }]);
      }
    }
  });
});

describe('a single flipped bit is repaired to the original bytes', () => {
  for (const size of SIZES) {
    it(`at every kind of field, entry data of ${size ?? 'none'} bytes, in the middle and at the end of a file`, () => {
      const before = entryOfSize(40, 900);
      const entry = entryOfSize(size, 901);
      const after = entryOfSize(60, 902);
      const rand = seededRandom(size ?? 7);
      for (const [field, pos] of fieldPositions(entry)) {
        // Every bit of header bytes; one seeded bit of the rest.
        const bits = field.startsWith('data first') || field.startsWith('data middle') || field.startsWith('data last') || field.startsWith('tx-id')
          ? [Math.floor(rand() * 8)] : [0, 1, 2, 3, 4, 5, 6, 7];
        for (const bit of bits) {
          for (const tail of [true, false]) {
            const damaged = entry.slice();
            damaged[pos] = damaged[pos]! ^ (1 << bit);
            const file = concat(tail ? [before, damaged] : [before, damaged, after]);
            const parts = stepsOf(file).flatMap((s) => (s.kind === 'part' ? [s] : []));
            const where = `${field} (byte ${pos}) bit ${bit}${tail ? ' at the end' : ''}`;
            expect(parts.length, where).toBe(1);
            const part = parts[0]!;
            expect(part.repair, `${where}: ${part.records.map((r) => `${r.damage} ${r.offset}+${r.length}`).join(', ')}`).not.toBeNull();
            expect(part.offset, where).toBe(before.length);
            expect(part.length, where).toBe(entry.length);
            expect(part.repair!.bit, where).toBe(pos * 8 + bit);
            expect(Buffer.from(part.repair!.bytes).equals(Buffer.from(entry)), where).toBe(true);
          }
        }
      }
    });
  }

  it('names the field the bit lies in', () => {
    const entry = entryOfSize(100, 5);
    const cases: Array<[number, string]> = [[0, 'entry-type'], [1, 'transaction-id-length'], [2, 'transaction-id'], [entry.length - 1, 'crc'], [entry.length - 10, 'data']];
    for (const [pos, field] of cases) {
      const damaged = entry.slice();
      damaged[pos] = damaged[pos]! ^ 4;
      expect(locateBitError(damaged)?.field).toBe(field);
    }
  });
});

describe('never a guess', () => {
  it('two flipped bits are never repaired (seeded pairs over entries of every size)', () => {
    const rand = seededRandom(3);
    let tried = 0;
    for (const size of SIZES) {
      const entry = entryOfSize(size, 40);
      const before = entryOfSize(40, 41);
      const after = entryOfSize(60, 42);
      const positions = fieldPositions(entry).map(([, p]) => p);
      for (let k = 0; k < 60; k++) {
        const damaged = entry.slice();
        // Half the pairs at field positions (headers, lengths), half anywhere.
        const a = k % 2 ? positions[Math.floor(rand() * positions.length)]! : Math.floor(rand() * entry.length);
        const b = Math.floor(rand() * entry.length);
        const bitA = Math.floor(rand() * 8);
        let bitB = Math.floor(rand() * 8);
        if (a === b && bitA === bitB) bitB = (bitB + 1) % 8;
        damaged[a] = damaged[a]! ^ (1 << bitA);
        damaged[b] = damaged[b]! ^ (1 << bitB);
        expect(locateBitError(damaged), `bytes ${a}.${bitA} and ${b}.${bitB}`).toBeNull();
        const parts = stepsOf(concat([before, damaged, after])).flatMap((s) => (s.kind === 'part' ? [s] : []));
        expect(parts.every((p) => p.repair === null), `bytes ${a}.${bitA} and ${b}.${bitB}`).toBe(true);
        tried++;
      }
    }
    expect(tried).toBe(SIZES.length * 60);
  });

  it(`a range over ${MAX_REPAIR_BYTES} bytes is never repaired, though one bit would fix it`, () => {
    const entry = entryOfSize(MAX_REPAIR_BYTES, 50);
    expect(entry.length).toBeGreaterThan(MAX_REPAIR_BYTES);
    const damaged = entry.slice();
    damaged[200] = damaged[200]! ^ 1;
    expect(locateBitError(damaged)).toBeNull();
    const parts = stepsOf(concat([entryOfSize(10, 51), damaged])).flatMap((s) => (s.kind === 'part' ? [s] : []));
    expect(parts.map((p) => [p.repair, p.reason])).toEqual([[null, 'too-long']]);
    // The same flip in an entry just within the limit is repaired.
    const small = entryOfSize(MAX_REPAIR_BYTES - 200, 52);
    expect(small.length).toBeLessThanOrEqual(MAX_REPAIR_BYTES);
    const flipped = small.slice();
    flipped[200] = flipped[200]! ^ 1;
    expect(Buffer.from(locateBitError(flipped)!.bytes).equals(Buffer.from(small))).toBe(true);
  });

  it('an intact entry, foreign bytes and a zeroed run are not "repaired"', () => {
    const entry = entryOfSize(100, 60);
    expect(locateBitError(entry)).toBeNull();
    const rand = seededRandom(61);
    expect(locateBitError(Uint8Array.from({ length: 200 }, () => Math.floor(rand() * 256)))).toBeNull();
    const zeroed = entry.slice();
    zeroed.fill(0, 50, 80);
    expect(locateBitError(zeroed)).toBeNull();
  });
});
