import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chunkViews } from '../../../../core/inspector/index/index-layout.js';
import { indexLog } from '../../../../core/inspector/index/index-log.js';
import type { RowStore } from '../../../../core/inspector/index/row-store.js';
import { sortTxGroups } from '../../../../core/inspector/query/sorted-tx-groups.js';
import { hashTxGroups, type HashedTxGroups } from '../../../../core/inspector/query/tx-groups.js';
import { encodeBinaryEntry } from '../../../../core/wal/binary-codec.js';
import { locateLog } from '../../../../core/wal/log-location.js';
import { createEntry } from '../../../../core/wal/new-entry.js';
import { GOLDEN } from '../../../support/paths.js';
import { seededRandom } from '../../../support/random-entries.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-sorted-tx-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A binary log of `count` entries, each with its own transaction id (the lanes are set by each case); bits flipped at `damage` (fractions of its length). */
function manyEntries(count: number, damage: readonly number[] = []): string {
  const file = path.join(tmp, `many-${count}-${damage.length}.wal`);
  const parts = Array.from({ length: count }, (_, i) => Buffer.from(encodeBinaryEntry(createEntry({
    entryType: 'Insert', transactionId: `t${i}`.padEnd(32, 'x'), collection: 'users', documentId: `doc-${i}`, timestamp: 1_732_400_000_000n + BigInt(i), data: '{}',
  }))));
  const bytes = Buffer.concat(parts);
  for (const at of damage) bytes[Math.floor(bytes.length * at)]! ^= 0x40;
  fs.writeFileSync(file, bytes);
  return file;
}

async function indexed(file: string): Promise<RowStore> {
  const location = await locateLog(file);
  return indexLog(location.segments.map((s) => ({ name: s.name, path: s.path, compression: s.compression, fileBytes: fs.statSync(s.path).size })), { idsUtf8: true });
}

/** Every field hashTxGroups answers, as plain values (arrays cut to the rows and groups in use). */
function plain(g: HashedTxGroups, rows: number) {
  return {
    groups: g.groups, anyShared: g.anyShared, groupOf: Array.from(g.groupOf.subarray(0, rows)),
    firstRow: Array.from(g.firstRow.subarray(0, g.groups)), shared: Array.from(g.shared.subarray(0, g.groups)),
  };
}

async function expectSameGroups(store: RowStore, label: string, rows = store.rows): Promise<void> {
  expect(plain(sortTxGroups(store, rows), rows), label).toEqual(plain(await hashTxGroups(store, rows), rows));
}

/** Overwrites every row's hash lanes (damage rows keep theirs: they are never grouped). */
function setLanes(store: RowStore, lane: (row: number) => [number, number]): void {
  store.forEachChunk((c, base, n) => {
    const v = chunkViews(c.time.buffer as SharedArrayBuffer);
    for (let i = 0; i < n; i++) [v.txLo[i], v.txHi[i]] = lane(base + i);
  });
}

describe('sortTxGroups', () => {
  it('finds hashTxGroups\' groups on every golden file and chain', async () => {
    let checked = 0;
    for (const name of fs.readdirSync(GOLDEN)) {
      if (name.endsWith('.jsonl') && name.includes('expected')) continue;
      let store: RowStore;
      try {
        store = await indexed(path.join(GOLDEN, name));
      } catch {
        continue; // not a log
      }
      await expectSameGroups(store, name);
      checked++;
    }
    expect(checked).toBeGreaterThan(8);
  }, 60_000);

  it('finds the same groups when lanes repeat, collide on one lane, or all agree, with damage rows among them', async () => {
    const store = await indexed(manyEntries(400, [0, 0.3, 0.31, 0.7]));
    expect(store.damageRows.length).toBeGreaterThan(2);
    expect(store.rows).toBeGreaterThan(64); // runs past PAIRWISE_MAX too
    const rand = seededRandom(7);
    const cases: [string, (row: number) => [number, number]][] = [
      ['few transactions, first lane shared by several', () => [Math.floor(rand() * 4) * 0x10000001, Math.floor(rand() * 3)]],
      ['one first lane, second lanes distinct', (r) => [0xdeadbeef, r]],
      ['one first lane, many second lanes (sorted run)', () => [42, Math.floor(rand() * 5) >>> 0]],
      ['every row the same hash', () => [0xffffffff, 0x80000000]],
      ['lanes past 2^31 and neighbours', (r) => [(0xfffffff0 + (r % 16)) >>> 0, (r % 3) * 0x7fffffff]],
    ];
    for (const [label, lane] of cases) {
      setLanes(store, lane);
      await expectSameGroups(store, label);
      await expectSameGroups(store, `${label}, first rows only`, Math.floor(store.rows / 2));
    }
  });

  it('finds the same groups over many rows of random lanes with long runs on one lane', async () => {
    const store = await indexed(manyEntries(5000));
    expect(store.rows).toBe(5000);
    const rand = seededRandom(11);
    for (let round = 0; round < 20; round++) {
      // From a few lanes shared by hundreds of rows to nearly all distinct.
      const spread = 1 + Math.floor(rand() * store.rows * 4);
      setLanes(store, () => [Math.floor(rand() * spread) % 7 === 0 ? 5 : Math.floor(rand() * spread) >>> 0, Math.floor(rand() * 3)]);
      await expectSameGroups(store, `round ${round}`);
    }
  });
});
