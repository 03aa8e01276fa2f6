import { describe, expect, it } from 'vitest';
import { encodeBinaryEntry } from '../../../core/wal/binary-codec.js';
import { BufferByteSource } from '../../../core/wal/byte-source.js';
import type { WalRecord } from '../../../core/wal/records.js';
import { readSegmentRecords } from '../../../core/wal/segment-reader.js';
import { randomEntry, seededRandom } from '../../support/random-entries.js';

interface Span { offset: number; bytes: Buffer }

function buildLog(seed: number, count: number): { file: Buffer; spans: Span[] } {
  const rand = seededRandom(seed);
  const spans: Span[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const bytes = Buffer.from(encodeBinaryEntry(randomEntry(rand, i)));
    spans.push({ offset, bytes });
    offset += bytes.length;
  }
  return { file: Buffer.concat(spans.map((s) => s.bytes)), spans };
}

function read(file: Buffer): WalRecord[] {
  return [...readSegmentRecords(new BufferByteSource('m.wal', file), { withRaw: true, format: 'binary' })];
}

type Mutation = { kind: string; apply(file: Buffer): Buffer; /** [from, to) of original bytes touched */ from: number; to: number; shift: number };

function mutation(rand: () => number, file: Buffer): Mutation {
  const at = Math.floor(rand() * file.length);
  switch (Math.floor(rand() * 4)) {
    case 0: {
      const bit = 1 << Math.floor(rand() * 8);
      return { kind: 'bit flip', from: at, to: at + 1, shift: 0, apply: (f) => { const c = Buffer.from(f); c[at] = c[at]! ^ bit; return c; } };
    }
    case 1:
      return { kind: 'truncation', from: at, to: file.length, shift: 0, apply: (f) => f.subarray(0, at) };
    case 2: {
      const n = 1 + Math.floor(rand() * 300);
      const garbage = Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
      return { kind: 'inserted garbage', from: at, to: at, shift: n, apply: (f) => Buffer.concat([f.subarray(0, at), garbage, f.subarray(at)]) };
    }
    default: {
      const n = 1 + Math.floor(rand() * 200);
      return { kind: 'zeroed run', from: at, to: Math.min(at + n, file.length), shift: 0, apply: (f) => { const c = Buffer.from(f); c.fill(0, at, at + n); return c; } };
    }
  }
}

describe('reading damaged logs (seeded mutations)', () => {
  it('never throws, keeps every untouched entry, and reports each mutation as damage', () => {
    const rand = seededRandom(20261127);
    let mutations = 0;
    for (let logSeed = 1; logSeed <= 20; logSeed++) {
      const { file, spans } = buildLog(logSeed, 40);
      for (let k = 0; k < 25; k++) {
        const m = mutation(rand, file);
        const mutated = m.apply(file);
        if (mutated.equals(file)) continue; // e.g. zeroing bytes that were zero
        mutations++;
        let records: WalRecord[] = [];
        expect(() => { records = read(mutated); }, m.kind).not.toThrow();
        // Records cover every byte exactly once, in order.
        let pos = 0;
        for (const r of records) { expect(r.offset, m.kind).toBe(pos); pos += r.length; }
        expect(pos).toBe(mutated.length);
        const entries = new Map(records.filter((r) => r.kind === 'entry').map((r) => [r.offset, r]));
        for (const s of spans) {
          const end = s.offset + s.bytes.length;
          const untouched = m.kind === 'inserted garbage' ? end <= m.from || s.offset >= m.from : end <= m.from || s.offset >= m.to;
          if (!untouched) continue;
          const at = m.kind === 'inserted garbage' && s.offset >= m.from ? s.offset + m.shift : s.offset;
          const got = entries.get(at);
          expect(got, `${m.kind} at ${m.from}: entry at ${s.offset} lost`).toBeDefined();
          expect(Buffer.from((got as { raw: Uint8Array }).raw).equals(s.bytes)).toBe(true);
        }
        const truncatedAtBoundary = m.kind === 'truncation' && spans.some((s) => s.offset === m.from);
        if (!truncatedAtBoundary) expect(records.some((r) => r.kind === 'damage'), `${m.kind} at ${m.from} not reported`).toBe(true);
      }
    }
    expect(mutations).toBeGreaterThan(400);
  });

  it('reads random bytes as damage without hanging', () => {
    const rand = seededRandom(7);
    for (const size of [1, 2, 3, 50, 4096, 200_000]) {
      const junk = Buffer.from(Array.from({ length: size }, () => Math.floor(rand() * 256)));
      const records = read(junk);
      expect(records.reduce((n, r) => n + r.length, 0)).toBe(size);
    }
  });

  it('an empty file is an empty log', () => {
    expect(read(Buffer.alloc(0))).toEqual([]);
  });

  it('a claimed length past the end of the file allocates nothing near it', () => {
    // entry type 1, tx len 32, 32 bytes, collection length varint claiming 2^62
    const f = Buffer.concat([Buffer.from([1, 32]), Buffer.alloc(32, 97), Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x3f])]);
    const records = read(f);
    expect(records).toHaveLength(1);
    expect(records[0]!.kind).toBe('damage');
  });
});
