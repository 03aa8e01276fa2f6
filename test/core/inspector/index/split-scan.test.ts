import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBinaryEntry } from '../../../../core/wal/binary-codec.js';
import { FileByteSource } from '../../../../core/wal/byte-source.js';
import { idText } from '../../../../core/wal/fixed-bytes.js';
import { readSegmentRecords } from '../../../../core/wal/segment-reader.js';
import { nextEntryStart } from '../../../../core/inspector/index/index-part.js';
import { TYPE_DAMAGE } from '../../../../core/inspector/index/index-layout.js';
import { asciiEntry, entryWithData } from '../../../support/crafted-entries.js';
import { randomEntry, seededRandom } from '../../../support/random-entries.js';
import { GOLDEN } from '../../../support/paths.js';
import { expectSameRows, indexFiles } from './index-fixtures.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-split-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SPLIT = { splitBytes: 0 };
const SERIAL = { splitBytes: Infinity };

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

describe('the index on two threads (split-scan)', () => {
  it('agrees with the record reader, damage included', async () => {
    const p = writeLog('small.wal', 3000, [0.1, 0.5, 0.500001, 0.9]);
    const store = await indexFiles([p], SPLIT);
    const src = FileByteSource.open(p, 'small.wal');
    const records = [...readSegmentRecords(src)];
    src.close();
    expect(store.rows).toBe(records.length);
    expect(records.filter((r) => r.kind === 'damage').length).toBeGreaterThan(2);
    records.forEach((r, i) => {
      expect([store.offset(i), store.length(i)]).toEqual([r.offset, r.length]);
      if (r.kind === 'damage') {
        expect(store.type(i)).toBe(TYPE_DAMAGE);
        expect(store.damageInfo(i)?.damage).toBe(r.damage);
        return;
      }
      expect(store.time(i)).toBe(Number(r.entry.timestamp));
      expect(store.dataBytes(i)).toBe(r.entry.data === null ? 0 : Buffer.byteLength(r.entry.data));
      expect(store.ids.text(store.document(i))).toBe(idText(r.entry.documentId).text);
      expect(store.ids.text(store.collection(i))).toBe(idText(r.entry.collection).text);
    });
  });

  it('equals the serial index with damage at the seam', async () => {
    const p = writeLog('seam.wal', 30_000, [0.2, 0.5, 0.50001, 0.7]);
    expectSameRows(await indexFiles([p], SPLIT), await indexFiles([p], SERIAL), 'seam.wal');
  });

  it('equals the serial index when the cut falls on an entry hidden in the data of one that spans it', async () => {
    const rand = seededRandom(8);
    const before = Array.from({ length: 400 }, (_, i) => Buffer.from(encodeBinaryEntry(randomEntry(rand, i))));
    const after = Array.from({ length: 400 }, (_, i) => Buffer.from(encodeBinaryEntry(randomEntry(rand, 1000 + i))));
    const head = Buffer.concat(before).length;
    const tail = Buffer.concat(after).length;
    // The spanning entry's data: filler (no entry type byte), then the hidden entry past the middle of the file.
    const hidden = asciiEntry();
    const spanning = entryWithData(Buffer.concat([Buffer.alloc(4096 + tail + hidden.length, 0x61), hidden, Buffer.alloc(4096, 0x62)]), 7);
    const p = path.join(tmp, 'hidden.wal');
    fs.writeFileSync(p, Buffer.concat([...before, spanning, ...after]));
    const cut = nextEntryStart(p, Math.floor(fs.statSync(p).size / 2));
    expect(cut).toBe(head + spanning.indexOf(hidden)); // the second thread starts inside the spanning entry
    const split = await indexFiles([p], SPLIT);
    expectSameRows(split, await indexFiles([p], SERIAL), 'hidden.wal');
    expect(split.rows).toBe(801);
  });

  it('equals the serial index on every golden binary file', async () => {
    const files = fs.readdirSync(GOLDEN, { recursive: true, encoding: 'utf8' })
      .map((f) => path.join(GOLDEN, f))
      .filter((p) => /\.wal$/.test(p) && fs.statSync(p).isFile() && fs.readFileSync(p).subarray(0, 1)[0] !== 0x7b);
    expect(files.length).toBeGreaterThan(5);
    // One chain of them all: every segment is split, and the rows name their segment.
    expectSameRows(await indexFiles(files, SPLIT), await indexFiles(files, SERIAL), 'golden chain');
  }, 60_000);

  it('splits segments only from SPLIT_BYTES on by default, with the same rows', async () => {
    const p = writeLog('default.wal', 40_000, [0.3, 0.6]);
    expect(fs.statSync(p).size).toBeGreaterThan(8 << 20);
    expectSameRows(await indexFiles([p]), await indexFiles([p], SERIAL), 'default.wal');
  }, 30_000);

  describe('pieces taken from both ends', () => {
    // The first thread keeps piece 0 only: every other piece is the second thread's, appended in order.
    const SECOND_READS = (pieces: number) => ({ splitBytes: 0, splitPieces: pieces, splitFirstPieces: 1 });

    it('equal the serial index with damage at, across and between seams, however many pieces', async () => {
      const p = writeLog('pieces.wal', 20_000, [0.2, 0.5, 0.50001, 0.7]);
      // A zeroed run wider than a piece: pieces inside it have no entry of their own.
      const bytes = fs.readFileSync(p);
      bytes.fill(0, Math.floor(bytes.length * 0.3), Math.floor(bytes.length * 0.42));
      fs.writeFileSync(p, bytes);
      const serial = await indexFiles([p], SERIAL);
      expect(serial.damageRows.length).toBeGreaterThan(3);
      for (const pieces of [2, 3, 17, 64, 500]) expectSameRows(await indexFiles([p], SECOND_READS(pieces)), serial, `pieces.wal, ${pieces} pieces`);
      expectSameRows(await indexFiles([p], { splitBytes: 0, splitPieces: 17 }), serial, 'pieces.wal, 17 pieces, shared as the threads go');
    }, 120_000);

    it('equal the serial index when a seam falls inside an entry that hides another in its data', async () => {
      const rand = seededRandom(9);
      const before = Array.from({ length: 400 }, (_, i) => Buffer.from(encodeBinaryEntry(randomEntry(rand, i))));
      const after = Array.from({ length: 400 }, (_, i) => Buffer.from(encodeBinaryEntry(randomEntry(rand, 1000 + i))));
      const hidden = asciiEntry();
      const spanning = entryWithData(Buffer.concat([Buffer.alloc(8192, 0x61), hidden, Buffer.alloc(65536, 0x62), hidden, Buffer.alloc(4096, 0x63)]), 7);
      const p = path.join(tmp, 'hidden-pieces.wal');
      fs.writeFileSync(p, Buffer.concat([...before, spanning, ...after]));
      const serial = await indexFiles([p], SERIAL);
      expect(serial.rows).toBe(801);
      for (const pieces of [5, 40, 300]) expectSameRows(await indexFiles([p], SECOND_READS(pieces)), serial, `hidden-pieces.wal, ${pieces} pieces`);
    }, 60_000);

    it('equal the serial index on the golden chain with the second thread reading all but the first piece', async () => {
      const files = fs.readdirSync(GOLDEN, { recursive: true, encoding: 'utf8' })
        .map((f) => path.join(GOLDEN, f))
        .filter((p) => /\.wal$/.test(p) && fs.statSync(p).isFile() && fs.readFileSync(p).subarray(0, 1)[0] !== 0x7b);
      expectSameRows(await indexFiles(files, SECOND_READS(9)), await indexFiles(files, SERIAL), 'golden chain, 9 pieces');
    }, 60_000);
  });
});
