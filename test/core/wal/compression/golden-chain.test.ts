import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DECODE_OK, decodeLayout, newLayout } from '../../../../core/wal/binary-layout.js';
import { decompressToBuffer } from '../../../../core/wal/compression/index.js';
import { decodeLz4Frames } from '../../../../core/wal/compression/lz4-frame.js';
import { listSegments } from '../../../../core/wal/segment-name.js';
import { GOLDEN } from '../../../support/paths.js';

/** The original's rotated chain, read where it lies (never regenerated). */
const CHAIN = join(GOLDEN, 'chain');
const manifest = readFileSync(join(GOLDEN, 'chain.expected.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => JSON.parse(l) as { kind: string; segment: string; offset: number; length: number });

describe('golden chain', async () => {
  const { segments, warnings } = await listSegments(CHAIN);

  it('lists the segments in replay order, as the manifest does', () => {
    expect(warnings).toEqual([]);
    const order = [...new Set(manifest.map((r) => r.segment))];
    expect(segments.map((s) => s.name)).toEqual(order);
  });

  it.each(segments.filter((s) => s.compression !== 'none').map((s) => [s.name, s] as const))('%s decompresses without error into the manifest entries', async (_name, seg) => {
    const out = await decompressToBuffer(seg.path, seg.compression);
    expect(out.error).toBeUndefined();
    const records = manifest.filter((r) => r.segment === seg.name);
    expect(records.length).toBeGreaterThan(0);
    const last = records[records.length - 1]!;
    expect(out.bytes.length).toBe(last.offset + last.length);
    const l = newLayout();
    for (const r of records) {
      expect(r.kind).toBe('entry');
      expect(decodeLayout(out.bytes, r.offset, out.bytes.length, l)).toBe(DECODE_OK);
      expect(l.end - r.offset).toBe(r.length);
    }
  });

  it('the LZ4 segment also decodes with the TypeScript decoder alone', async () => {
    const seg = segments.find((s) => s.compression === 'lz4')!;
    const ts = (await decodeLz4Frames(readFileSync(join(CHAIN, seg.name))));
    const native = await decompressToBuffer(seg.path, 'lz4');
    expect(ts.error).toBeUndefined();
    expect(ts.bytes.equals(native.bytes)).toBe(true);
  });
});
