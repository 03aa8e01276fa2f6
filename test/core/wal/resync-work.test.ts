import { describe, expect, it, vi } from 'vitest';
import { BufferByteSource } from '../../../core/wal/byte-source.js';
import { readSegmentRecords } from '../../../core/wal/segment-reader.js';
import { interleaved, nestedHeaders } from './nested-headers.js';

/** Every byte the scanner hands to a CRC or a UTF-8 check, counted: the work of a scan, deterministically. */
const work = vi.hoisted(() => ({ bytes: 0 }));
vi.mock('../../../core/wal/crc32.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../core/wal/crc32.js')>();
  return { ...real, crc32: (data: Uint8Array, initial?: number) => ((work.bytes += data.length), real.crc32(data, initial)) };
});
vi.mock('../../../core/wal/utf8.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../core/wal/utf8.js')>();
  return { ...real, isUtf8: (bytes: Uint8Array) => ((work.bytes += bytes.length), real.isUtf8(bytes)) };
});

function scan(bytes: Uint8Array) {
  work.bytes = 0;
  const records = [...readSegmentRecords(new BufferByteSource('x.wal', bytes), { format: 'binary' })];
  return { records, work: work.bytes };
}

describe('resynchronisation work is linear in the bytes', () => {
  it('nested fake headers, each claiming nearly the rest of the file', () => {
    const size = 1 << 20;
    const { bytes, headers, ends } = nestedHeaders(size, 64);
    expect(headers.length).toBeGreaterThan(8000);
    const { records, work } = scan(bytes);
    // Quadratic, every candidate rechecking its claimed megabyte, was ~4000× the size here.
    expect(work).toBeLessThan(20 * size);
    expect(records.map((r) => [r.kind === 'damage' ? r.damage : r.kind, r.offset, r.length])).toEqual([
      ['crc-mismatch', 0, ends[0]!],
      ['undecodable', ends[0]!, size - ends[0]!],
    ]);
  });

  it('fake headers each followed by an intact entry: every damage record starts with a huge claim', () => {
    const size = 1 << 20;
    const { bytes, headers, entries } = interleaved(size, 1e6);
    expect(headers.length).toBeGreaterThan(3000);
    const { records, work } = scan(bytes);
    expect(work).toBeLessThan(20 * size);
    const expected = headers.flatMap((h, i) => [['undecodable', h, entries[i]! - h], ['entry', entries[i]!]]);
    expect(records.slice(0, expected.length).map((r) => (r.kind === 'damage' ? [r.damage, r.offset, r.length] : [r.kind, r.offset]))).toEqual(expected);
  });
});
