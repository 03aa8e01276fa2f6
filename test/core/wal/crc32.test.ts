import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crc32, fallbackCrc32 } from '../../../core/wal/crc32.js';

describe('crc32', () => {
  it('is the IEEE CRC-32 of the check string', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('an empty chunk leaves a running CRC as it was (Node 20\'s zlib.crc32 returns 0 for it)', () => {
    const running = crc32(Buffer.from('123456789'));
    expect(crc32(new Uint8Array(0), running)).toBe(running);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('the fallback for runtimes without zlib.crc32 gives the same values, chained too', () => {
    const fallback = fallbackCrc32();
    expect(fallback(Buffer.from('123456789'))).toBe(0xcbf43926);
    for (let i = 0; i < 200; i++) {
      const a = randomBytes(i * 7), b = randomBytes(i % 13);
      expect(fallback(a)).toBe(crc32(a));
      expect(fallback(b, fallback(a))).toBe(crc32(b, crc32(a)));
    }
  });
});
