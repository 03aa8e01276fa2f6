import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chainEntryCrc, CRC32_RESIDUE, crc32Shift } from '../../../core/wal/crc32-chain.js';
import { seededRandom } from '../../support/random-entries.js';

describe('CRC of a run of entries (crc32-chain)', () => {
  it('predicts zlib.crc32 of concatenated intact entries of any length', () => {
    const rand = seededRandom(5);
    let expected = 0;
    const parts: Buffer[] = [];
    for (let i = 0; i < 200; i++) {
      const n = Math.floor(rand() * (i % 17 === 0 ? 70_000 : 900));
      const body = Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
      const entry = Buffer.concat([body, Buffer.alloc(4)]);
      entry.writeUInt32LE(zlib.crc32(body), n);
      expect(zlib.crc32(entry)).toBe(CRC32_RESIDUE);
      parts.push(entry);
      expected = chainEntryCrc(expected, entry.length);
      expect(zlib.crc32(Buffer.concat(parts))).toBe(expected);
    }
  });

  it('shifting zero stays zero, shifting by zero bytes is the identity', () => {
    expect(crc32Shift(0, 12345)).toBe(0);
    expect(crc32Shift(0xdeadbeef, 0)).toBe(0xdeadbeef);
  });
});
