import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { encodeBinaryEntry } from '../../../../core/wal/binary-codec.js';
import { ENTRY_TYPES } from '../../../../core/wal/entry-type.js';
import { createEntry } from '../../../../core/wal/new-entry.js';
import { indexLog, type IndexLogOptions } from '../../../../core/inspector/index/index-log.js';
import { IndexWriter } from '../../../../core/inspector/index/index-writer.js';
import { RowCounter, type RowCountsData } from '../../../../core/inspector/index/row-counts.js';
import type { RowStore } from '../../../../core/inspector/index/row-store.js';
import { sortLanes } from '../../../../core/inspector/index/tx-lane-sort.js';
import { asciiEntry, entryWithData, withValidCrc } from '../../../support/crafted-entries.js';
import { GOLDEN } from '../../../support/paths.js';
import { seededRandom } from '../../../support/random-entries.js';
import { expectSameRows } from './index-fixtures.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-row-counts-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const segmentsOf = (files: readonly string[]) => files.map((p, k) => ({ name: `seg-${k}`, path: p, compression: 'none' as const, fileBytes: fs.statSync(p).size }));

/** The counts of one pass over a serial index (the reference), ids given as their bytes. */
function referenceCounts(store: RowStore): RowCountsData {
  const counter = new RowCounter((id) => store.ids.bytes(id));
  store.forEachChunk((c, base, n) => counter.count(c, 0, n, base));
  return counter.data();
}

/** Counts with ids as their bytes (hex), documents as a sorted set: comparable across id tables. */
function byBytes(d: RowCountsData, store: RowStore) {
  const hex = (id: number) => Buffer.from(store.ids.bytes(id)).toString('hex');
  return { ...d, collections: d.collections.map(hex), documents: d.documents.map(hex).sort() };
}

/**
 * Transactions of 2–60 entries interleaved over the whole log (so that every seam between
 * pieces cuts some), ids padded or not UTF-8, collections not UTF-8, u64 times, and damage.
 */
function txLog(name: string, count: number, damageAt: readonly number[], middle?: Buffer): string {
  const rand = seededRandom(count + damageAt.length);
  const open: { id: Buffer; left: number }[] = [];
  let next = 0;
  const parts: Buffer[] = [];
  const collections = [Buffer.from('users'), Buffer.from('orders'), Buffer.from([0x6f, 0xc3, 0x28])];
  for (let i = 0; i < count; i++) {
    if (open.length < 40 && rand() < 0.3) {
      const id = Buffer.alloc(32, 0x61 + (next % 26));
      id.write((next++).toString(36), 0, 'latin1');
      if (next % 5 === 0) id.fill(0, 24);
      if (next % 13 === 0) id[3] = 0xfe;
      open.push({ id, left: 2 + Math.floor(rand() * 58) });
    }
    const k = Math.floor(rand() * open.length);
    const tx = open[k];
    let type = Math.floor(rand() * 4); // Begin, Insert, Update, Delete
    if (tx && --tx.left === 0) {
      type = rand() < 0.7 ? 4 : 5;
      open.splice(k, 1);
    }
    const ts = rand() < 0.02 ? 2n ** 53n + BigInt(i) : 1_732_400_000_000n + BigInt(i);
    const col = collections[Math.floor(rand() * collections.length)]!;
    const e = Buffer.from(encodeBinaryEntry(createEntry({
      entryType: ENTRY_TYPES[type]!, transactionId: 'x'.repeat(32), collection: 'c'.repeat(col.length),
      documentId: `doc-${Math.floor(rand() * 300)}`, timestamp: ts, data: type === 1 || type === 2 ? JSON.stringify({ i, pad: 'p'.repeat(Math.floor(rand() * 200)) }) : null,
    })));
    e.set(tx?.id ?? Buffer.from(`solo-${i}`.padEnd(32, 'z')), 2);
    e.set(col, 35);
    parts.push(withValidCrc(e));
    if (middle && i === count >> 1) parts.push(middle);
  }
  const file = Buffer.concat(parts);
  for (const at of damageAt) {
    const i = Math.floor(file.length * at);
    file[i] = file[i]! ^ 0x40;
  }
  const p = path.join(tmp, name);
  fs.writeFileSync(p, file);
  return p;
}

/** Indexed on two threads with counts and lanes made while indexing: equal to one pass over the serial index. */
async function expectCountsOfSerial(files: readonly string[], o: IndexLogOptions, label: string): Promise<void> {
  const segments = segmentsOf(files);
  const serial = await indexLog(segments, { idsUtf8: true, splitBytes: Infinity });
  const split = await indexLog(segments, { idsUtf8: true, counts: true, splitBytes: 0, lanesSplitRows: 2, ...o });
  expectSameRows(split, serial, label);
  expect(split.counts, label).not.toBeNull();
  expect(byBytes(split.counts!, split), label).toEqual(byBytes(referenceCounts(serial), serial));
  const lanes = sortLanes(serial.chunkBuffers(), 0, serial.rows);
  expect(split.lanes?.rows, label).toBe(serial.rows);
  expect(split.lanes?.m, label).toBe(lanes.m);
  expect(Buffer.from(split.lanes!.keys.buffer, 0, lanes.m * 4).equals(Buffer.from(lanes.keys.buffer, 0, lanes.m * 4)), `${label}: lanes`).toBe(true);
  expect(Buffer.from(split.lanes!.order.buffer, 0, lanes.m * 4).equals(Buffer.from(lanes.order.buffer, 0, lanes.m * 4)), `${label}: lane order`).toBe(true);
}

describe('stats counts made while indexing (per piece, in the thread that indexed it)', () => {
  it('equal one pass over the serial index when pieces split transactions, 2 to 300 pieces, either thread reading most', async () => {
    const p = txLog('tx.wal', 8000, []);
    const merged = vi.spyOn(RowCounter.prototype, 'merge');
    for (const pieces of [2, 3, 7, 31, 300]) {
      for (const first of [undefined, 1]) {
        await expectCountsOfSerial([p], { splitPieces: pieces, ...(first ? { splitFirstPieces: first } : {}) }, `${pieces} pieces, first thread ${first ?? 'any'}`);
      }
    }
    // The second thread's pieces were counted there and added up, not counted again here.
    expect(merged).toHaveBeenCalled();
  }, 120_000);

  it('equal one pass with damage at and across seams (parts joined by a serial catch-up are counted from their rows)', async () => {
    // An entry whose data hides valid entries: a piece starting inside it begins at a hidden one, and the serial scan joins later.
    const hidden = asciiEntry();
    const spanning = entryWithData(Buffer.concat([Buffer.alloc(8192, 0x61), hidden, Buffer.alloc(65536, 0x62), hidden, Buffer.alloc(4096, 0x63)]), 7);
    const p = txLog('damaged.wal', 6000, [0.1, 0.25, 0.75, 0.75001, 0.9], spanning);
    const appended = vi.spyOn(IndexWriter.prototype, 'appendPart');
    for (const pieces of [2, 4, 10, 64, 199]) {
      await expectCountsOfSerial([p], { splitPieces: pieces, splitFirstPieces: 1 }, `damaged, ${pieces} pieces`);
      await expectCountsOfSerial([p], { splitPieces: pieces }, `damaged, ${pieces} pieces, first thread any`);
    }
    // Some parts were joined past their first rows: their own counts could not stand for them.
    expect(appended.mock.calls.some(([, from]) => from > 0)).toBe(true);
  }, 120_000);

  it('equal one pass on the golden binary files as one chain, every segment split', async () => {
    const files = fs.readdirSync(GOLDEN, { recursive: true, encoding: 'utf8' })
      .map((f) => path.join(GOLDEN, f))
      .filter((f) => /\.wal$/.test(f) && fs.statSync(f).isFile() && fs.readFileSync(f).subarray(0, 1)[0] !== 0x7b);
    expect(files.length).toBeGreaterThan(5);
    for (const pieces of [2, 5, 17]) await expectCountsOfSerial(files, { splitPieces: pieces }, `golden chain, ${pieces} pieces`);
    await expectCountsOfSerial(files, { splitPieces: 9, splitFirstPieces: 1 }, 'golden chain, 9 pieces, first thread one');
  }, 120_000);

  it('are not made unless asked for, nor kept for rows withdrawn', async () => {
    const p = txLog('plain.wal', 500, []);
    const plain = await indexLog(segmentsOf([p]), { idsUtf8: true, splitBytes: 0 });
    expect(plain.counts).toBeNull();
    expect(plain.lanes).toBeNull();
    const counted = await indexLog(segmentsOf([p]), { idsUtf8: true, counts: true, splitBytes: 0 });
    expect(counted.counts?.rows).toBe(counted.rows);
    counted.retract(counted.rows - 1);
    expect(counted.counts).toBeNull();
    expect(counted.lanes).toBeNull();
  }, 60_000);
});
