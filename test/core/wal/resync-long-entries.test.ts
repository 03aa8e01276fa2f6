import { describe, expect, it } from 'vitest';
import { BufferByteSource } from '../../../core/wal/byte-source.js';
import { readSegmentRecords } from '../../../core/wal/segment-reader.js';
import { entryWithData } from '../../support/crafted-entries.js';

/** Long entries (past the size whose CRC is checked over the range first) keep the damage rules of FORMAT.md. */
function records(bytes: Uint8Array) {
  return [...readSegmentRecords(new BufferByteSource('x.wal', bytes), { format: 'binary' })].map((r) =>
    r.kind === 'damage' ? [r.damage, r.offset, r.length] : [r.kind, r.offset, r.length]);
}

describe('long entries around damage', () => {
  const big = entryWithData(Buffer.alloc(200_000, 0x61), 1);
  const small = entryWithData(Buffer.from('{"a":1}'), 2);

  it('an intact long entry is an entry; with a wrong CRC and UTF-8 data it is crc-mismatch', () => {
    expect(records(Buffer.concat([small, big, small]))).toEqual([
      ['entry', 0, small.length], ['entry', small.length, big.length], ['entry', small.length + big.length, small.length],
    ]);
    const bad = Buffer.from(big);
    bad[bad.length - 1]! ^= 0xff;
    expect(records(Buffer.concat([small, bad, small]))).toEqual([
      ['entry', 0, small.length], ['crc-mismatch', small.length, bad.length], ['entry', small.length + bad.length, small.length],
    ]);
  });

  it('with a wrong CRC and data that is not UTF-8 it is undecodable up to the next intact entry', () => {
    const bad = Buffer.from(big);
    bad[1000] = 0xff; // inside the data
    bad[bad.length - 1]! ^= 0xff;
    const file = Buffer.concat([small, bad, Buffer.from([9, 9, 9]), small]);
    expect(records(file)).toEqual([
      ['entry', 0, small.length], ['undecodable', small.length, bad.length + 3], ['entry', small.length + bad.length + 3, small.length],
    ]);
  });

  it('with its CRC right and data that is not UTF-8 it is undecodable', () => {
    const data = Buffer.alloc(200_000, 0x61);
    data[5000] = 0xc3;
    const bad = entryWithData(data, 3);
    expect(records(Buffer.concat([bad, small]))).toEqual([['undecodable', 0, bad.length], ['entry', bad.length, small.length]]);
  });

  it('an intact entry inside a long damaged claim is found', () => {
    const bad = Buffer.from(big);
    bad[bad.length - 1]! ^= 0xff;
    small.copy(bad, 50_000);
    expect(records(bad)).toEqual([
      ['undecodable', 0, 50_000], ['entry', 50_000, small.length], ['undecodable', 50_000 + small.length, bad.length - 50_000 - small.length],
    ]);
  });
});
