import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BufferByteSource, ByteWindow } from '../../../core/wal/byte-source.js';
import { MARK_SPACING, RangeCrc } from '../../../core/wal/range-crc.js';
import { seededRandom } from '../../support/random-entries.js';

describe('RangeCrc', () => {
  const rand = seededRandom(7);
  const bytes = Buffer.from(Array.from({ length: 3 * (1 << 20) + 777 }, () => Math.floor(rand() * 256)));
  const window = new ByteWindow(new BufferByteSource('r.wal', bytes), 64 * 1024);

  it('gives zlib.crc32 of any range, asked in increasing and arbitrary order', () => {
    const crc = new RangeCrc(window);
    let from = 5;
    for (let i = 0; i < 300; i++) {
      from += Math.floor(rand() * 5000);
      const to = Math.min(bytes.length, from + Math.floor(rand() * 2 * (1 << 20)));
      expect(crc.range(from, to), `[${from}, ${to})`).toBe(zlib.crc32(bytes.subarray(from, to)));
    }
    for (const [a, b] of [[0, 0], [0, 1], [3, MARK_SPACING], [MARK_SPACING, 2 * MARK_SPACING + 1], [bytes.length - 1, bytes.length], [17, bytes.length]] as const) {
      expect(crc.range(a, b), `[${a}, ${b})`).toBe(zlib.crc32(bytes.subarray(a, b)));
    }
  });

  it('reads the window while its bytes are there', () => {
    window.ensure(1000, 2000);
    expect(new RangeCrc(window).range(1000, 1900)).toBe(zlib.crc32(bytes.subarray(1000, 1900)));
  });
});
