import { describe, expect, it } from 'vitest';
import { BinaryRunScanner, type RunVisitor } from '../../../core/wal/binary-run-scanner.js';
import { BufferByteSource, ByteWindow } from '../../../core/wal/byte-source.js';
import { LogStatsBuilder } from '../../../core/wal/log-stats.js';
import { addSegmentStats } from '../../../core/wal/segment-stats.js';
import { readSegmentRecords } from '../../../core/wal/segment-reader.js';
import { interleaved, nestedHeaders } from './nested-headers.js';

/** 10 MB crafted against resync through every reader path (they share the scanner): each well under 5 s (was minutes). */
const SIZE = 10_000_000;
const files = { nested: nestedHeaders(SIZE, 64).bytes, interleaved: interleaved(SIZE, 1e6).bytes };

function timed<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

describe.each(Object.entries(files))('%s headers, 10 MB', (_name, bytes) => {
  it('the record reader (dump, verify, convert)', () => {
    const { value, ms } = timed(() => {
      let n = 0;
      for (const _ of readSegmentRecords(new BufferByteSource('x.wal', bytes), { format: 'binary' })) n++;
      return n;
    });
    expect(value).toBeGreaterThan(0);
    expect(ms).toBeLessThan(5000);
  });

  it('stats', async () => {
    const t = performance.now();
    const b = new LogStatsBuilder();
    await addSegmentStats(b, new BufferByteSource('x.wal', bytes), { format: 'binary' });
    expect(b.result().damage.ranges).toBeGreaterThan(0);
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('the run scanner of the core and service indexes (WebAssembly and TypeScript)', () => {
    for (const engine of ['wasm', 'typescript'] as const) {
      const counts = { entries: 0, damage: 0 };
      const visitor: RunVisitor = {
        run: (_k, count) => void (counts.entries += count),
        entry: () => void counts.entries++,
        damage: () => void counts.damage++,
      };
      const { ms } = timed(() => {
        const scan = new BinaryRunScanner(new ByteWindow(new BufferByteSource('x.wal', bytes)), { engine });
        while (scan.next(Infinity, visitor) > 0);
      });
      expect(counts.damage).toBeGreaterThan(0);
      expect(ms, engine).toBeLessThan(5000);
    }
  });
});
