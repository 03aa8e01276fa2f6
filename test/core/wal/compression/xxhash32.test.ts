import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Xxh32Stream, xxh32 } from '../../../../core/wal/compression/xxhash32.js';

describe('xxh32 (the LZ4 frame checksum)', () => {
  it('gives the reference values', () => {
    expect(xxh32(new Uint8Array(0))).toBe(0x02cc5d05);
    expect(xxh32(Buffer.from('abc'))).toBe(0x32d153ff);
    expect(xxh32(Buffer.from('Nobody inspects the spammish repetition'))).toBe(0xe2293b2f);
  });

  it('the stream gives the one-shot value however the input is cut', () => {
    for (let n = 0; n < 300; n += 7) {
      const bytes = randomBytes(n);
      const stream = new Xxh32Stream();
      for (let at = 0; at < n;) {
        const step = 1 + ((at * 31 + n) % 23);
        stream.update(bytes, at, Math.min(n, at + step));
        at += step;
      }
      expect(stream.digest()).toBe(xxh32(bytes));
    }
  });
});
