import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { encodeBinaryEntry } from '../../../core/wal/binary-codec.js';
import { indexRange } from '../../support/index-columns.js';
import { randomEntry, seededRandom } from '../../support/random-entries.js';

/** Every byte handed to a CRC, counted: what damaged runs cost the reader, deterministically. */
const work = vi.hoisted(() => ({ bytes: 0 }));
vi.mock('../../../core/wal/crc32.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../core/wal/crc32.js')>();
  return { ...real, crc32: (data: Uint8Array, initial?: number) => ((work.bytes += data.length), real.crc32(data, initial)) };
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-damaged-run-work-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('damaged runs cost about one CRC pass', () => {
  it('single-bit errors spread through a log: the fast path CRCs each byte at most ~2 times, with the same records', () => {
    const rand = seededRandom(1313);
    const entries = Array.from({ length: 16_000 }, (_, i) => Buffer.from(encodeBinaryEntry(randomEntry(rand, i))));
    const file = Buffer.concat(entries);
    // One flipped bit about every 256 KiB, inside an entry's body (not its length fields).
    let at = 0;
    let flips = 0;
    for (const e of entries) {
      if (Math.floor((at + e.length) / 262144) > Math.floor(at / 262144)) {
        file[at + e.length - 8]! ^= 1 << flips % 8;
        flips++;
      }
      at += e.length;
    }
    expect(flips).toBeGreaterThan(20);
    const p = path.join(tmp, 'flips.wal');
    fs.writeFileSync(p, file);

    work.bytes = 0;
    const fast = indexRange(p, 0, Infinity, 'wasm');
    const fastWork = work.bytes;
    const reference = indexRange(p, 0, Infinity, 'typescript');
    expect(fast.damage).toEqual(reference.damage);
    expect(fast.damage.length).toBe(flips);
    expect(fast.count).toBe(reference.count);
    expect(Buffer.from(fast.offsets.buffer, fast.offsets.byteOffset, fast.offsets.byteLength)
      .equals(Buffer.from(reference.offsets.buffer, reference.offsets.byteOffset, reference.offsets.byteLength))).toBe(true);
    // Was 4.2: a failed run narrowed by shorter runs over the same bytes, the TypeScript
    // scanner's batch check over the next MiB, range CRCs extended across the bytes between
    // damaged entries. Now ~2.0: one pass, plus the intact prefix of each failed run.
    expect(fastWork / file.length).toBeLessThan(2.5);
  }, 60_000);
});
