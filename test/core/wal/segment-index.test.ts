import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBinaryEntry } from '../../../core/wal/binary-codec.js';
import { FileByteSource } from '../../../core/wal/byte-source.js';
import { chainEntryCrc, CRC32_RESIDUE, crc32Shift } from '../../../core/wal/crc32-chain.js';
import { internedBytes } from '../../../core/wal/id-interner.js';
import { idText } from '../../../core/wal/fixed-bytes.js';
import { indexRange, sameTransaction, transactionIdBytes } from '../../../core/wal/segment-index.js';
import { indexFileParallel } from '../../../core/wal/segment-index-parallel.js';
import { IndexWorkerPool } from '../../../core/wal/segment-index-pool.js';
import { readSegmentRecords } from '../../../core/wal/segment-reader.js';
import { randomEntry, seededRandom } from '../../support/random-entries.js';
import { GOLDEN } from '../../support/paths.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-index-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('CRC of a run of entries (crc32-chain)', () => {
  it('predicts zlib.crc32 of concatenated intact entries of any length', () => {
    const rand = seededRandom(5);
    let expected = 0;
    const parts: Buffer[] = [];
    for (let i = 0; i < 200; i++) {
      const n = Math.floor(rand() * (i % 17 === 0 ? 70_000 : 900));
      const body = Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
      const entry = Buffer.concat([body, Buffer.alloc(4)]);
      entry.writeUInt32LE(zlib.crc32(body), n);
      expect(zlib.crc32(entry)).toBe(CRC32_RESIDUE);
      parts.push(entry);
      expected = chainEntryCrc(expected, entry.length);
      expect(zlib.crc32(Buffer.concat(parts))).toBe(expected);
    }
  });

  it('shifting zero stays zero, shifting by zero bytes is the identity', () => {
    expect(crc32Shift(0, 12345)).toBe(0);
    expect(crc32Shift(0xdeadbeef, 0)).toBe(0xdeadbeef);
  });
});

function writeLog(name: string, count: number, damageAt: number[]): string {
  const rand = seededRandom(count);
  const file = Buffer.concat(Array.from({ length: count }, (_, i) => Buffer.from(encodeBinaryEntry(randomEntry(rand, i)))));
  for (const at of damageAt) {
    const i = Math.floor(file.length * at);
    file[i] = file[i]! ^ 0x40;
  }
  const p = path.join(tmp, name);
  fs.writeFileSync(p, file);
  return p;
}

function recordsOf(p: string) {
  const src = FileByteSource.open(p, 'x');
  try {
    return [...readSegmentRecords(src)];
  } finally {
    src.close();
  }
}

describe('segment index', () => {
  it('agrees with the record reader, damage included', () => {
    const p = writeLog('small.wal', 3000, [0.1, 0.5, 0.500001, 0.9]);
    const index = indexRange(p);
    const records = recordsOf(p);
    const entries = records.filter((r) => r.kind === 'entry');
    const src = FileByteSource.open(p, 'small.wal');
    expect(index.count).toBe(entries.length);
    expect(index.damage.map((d) => [d.offset, d.length, d.damage])).toEqual(
      records.filter((r) => r.kind === 'damage').map((r) => [r.offset, r.length, r.kind === 'damage' ? r.damage : '']),
    );
    entries.forEach((r, i) => {
      if (r.kind !== 'entry') return;
      expect(index.offsets[i]).toBe(r.offset);
      expect(index.lengths[i]).toBe(r.length);
      expect(index.timestamps[i]).toBe(Number(r.entry.timestamp));
      expect(idText(internedBytes(index.ids, index.documents[i]!)).text).toBe(idText(r.entry.documentId).text);
      expect(Buffer.from(transactionIdBytes(index, i, src)).equals(Buffer.from(r.entry.transactionId))).toBe(true);
    });
    // Entries that share a transaction id are found by hash and confirmed by their bytes.
    const txText = entries.map((r) => (r.kind === 'entry' ? Buffer.from(r.entry.transactionId).toString('hex') : ''));
    for (let i = 0; i < entries.length; i += 37) {
      for (let j = i; j < Math.min(entries.length, i + 40); j++) {
        expect(sameTransaction(index, i, j, src)).toBe(txText[i] === txText[j]);
      }
    }
    src.close();
  });

  it('groups entries of one transaction (golden basic.wal: Begin..Commit share an id)', () => {
    const p = path.join(GOLDEN, 'basic.wal');
    const index = indexRange(p);
    const src = FileByteSource.open(p, 'basic.wal');
    try {
      const tx = recordsOf(p).map((r) => (r.kind === 'entry' ? Buffer.from(r.entry.transactionId).toString('hex') : ''));
      let shared = 0;
      for (let i = 0; i < index.count; i++) {
        for (let j = 0; j < index.count; j++) {
          expect(sameTransaction(index, i, j, src)).toBe(tx[i] === tx[j]);
          if (i !== j && tx[i] === tx[j]) shared++;
        }
      }
      expect(shared).toBeGreaterThan(10);
    } finally {
      src.close();
    }
  });

  it('a parallel index equals the serial one, with damage at the seam', async () => {
    const p = writeLog('big.wal', 30_000, [0.2, 0.5, 0.50001, 0.7]);
    const pool = new IndexWorkerPool(2);
    try {
      const parallel = await indexFileParallel(p, pool);
      const serial = indexRange(p);
      expect(parallel.count).toBe(serial.count);
      expect(parallel.damage).toEqual(serial.damage);
      expect([...parallel.offsets]).toEqual([...serial.offsets]);
      expect([...parallel.txHashLo]).toEqual([...serial.txHashLo]);
      expect([...parallel.txHashHi]).toEqual([...serial.txHashHi]);
      expect([...parallel.txAt]).toEqual([...serial.txAt]);
      for (let i = 0; i < serial.count; i += 97) {
        expect(Buffer.from(internedBytes(parallel.ids, parallel.documents[i]!)).equals(Buffer.from(internedBytes(serial.ids, serial.documents[i]!)))).toBe(true);
      }
    } finally {
      await pool.close();
    }
  });
});
