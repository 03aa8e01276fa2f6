import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FileByteSource } from '../../../../core/wal/byte-source.js';
import { encodeBinaryEntry } from '../../../../core/wal/binary-codec.js';
import { segmentDamage } from '../../../../core/wal/repair/segment-damage.js';
import { randomEntry, seededRandom } from '../../../support/random-entries.js';

/** Every byte handed to a CRC, counted: the repair scan's work, deterministically. */
const work = vi.hoisted(() => ({ crc: 0, calls: 0 }));
vi.mock('../../../../core/wal/crc32.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../core/wal/crc32.js')>();
  return { ...real, crc32: (data: Uint8Array, initial?: number) => ((work.crc += data.length), work.calls++, real.crc32(data, initial)) };
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-repair-scan-work-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the repair scan of a log with single-bit errors reads each byte about once and CRCs in few calls', () => {
  it('one flipped bit per MiB (the benchmark\'s rate): bytes read and CRCed stay near the file\'s size, every error repaired', async () => {
    const rand = seededRandom(2024);
    const entries: Buffer[] = [];
    let size = 0;
    for (let i = 0; size < 24 << 20; i++) {
      const e = Buffer.from(encodeBinaryEntry(randomEntry(rand, i)));
      entries.push(e);
      size += e.length;
    }
    const file = Buffer.concat(entries);
    // A flipped bit in the body of the entry that crosses each MiB (at seeded places in it).
    let at = 0;
    let flips = 0;
    for (const e of entries) {
      if (Math.floor((at + e.length) / (1 << 20)) > Math.floor(at / (1 << 20))) {
        file[at + 40 + Math.floor(rand() * (e.length - 48))]! ^= 1 << flips % 8;
        flips++;
      }
      at += e.length;
    }
    const p = path.join(tmp, 'flips.wal');
    fs.writeFileSync(p, file);
    const source = FileByteSource.open(p, 'flips.wal');
    let read = 0;
    const readInto = source.readInto.bind(source);
    source.readInto = (buf, off, pos, len) => {
      const n = readInto(buf, off, pos, len);
      read += Math.max(0, n);
      return n;
    };
    work.crc = 0;
    work.calls = 0;
    try {
      const damage = await segmentDamage(source, 'binary', null);
      expect(damage.parts).toHaveLength(flips);
      expect(damage.parts.every((part) => part.repair !== null)).toBe(true);
    } finally {
      source.close();
    }
    // Were 2.3x read (each damaged entry read the 4 MiB after it into the TypeScript scanner's
    // window) and 883 CRC calls per error (a failed run's intact prefix checked entry by entry).
    expect(read / file.length).toBeLessThan(1.2);
    // Still ~1.8x CRCed: a failed run is CRCed whole, then its intact prefix and its tail again.
    expect(work.crc / file.length).toBeLessThan(2);
    expect(work.calls / flips).toBeLessThan(100);
  }, 60_000);
});
