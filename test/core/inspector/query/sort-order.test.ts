import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Row, SortKey } from '../../../../core/contract/contract.js';
import { descendingFrom } from '../../../../core/inspector/query/sort-order.js';
import { GOLDEN } from '../../../support/paths.js';
import { randomEntry, seededRandom } from '../../../support/random-entries.js';
import { binaryBytes, entries, harness, must, tempDir, writeFile } from '../support/inspector-fixtures.js';

/**
 * rows.page sorts (radix orders over the index columns, ids ranked by their bytes) against a
 * stable comparison sort of the rows themselves, both directions, ties in file order.
 */
const h = harness();
afterAll(() => h.service.close());

const utf8 = (s: string) => Buffer.from(s, 'utf8');
function reference(rows: readonly Row[], key: SortKey, desc: boolean): number[] {
  const cmp = (a: Row, b: Row): number => {
    switch (key) {
      case 'file': return a.row - b.row;
      case 'time': return (a.time ?? -Infinity) === (b.time ?? -Infinity) ? 0 : (a.time ?? -Infinity) < (b.time ?? -Infinity) ? -1 : 1;
      case 'size': return a.length - b.length;
      case 'type': return (a.entry_type === null ? 6 : ['Begin', 'Insert', 'Update', 'Delete', 'Commit', 'Rollback'].indexOf(a.entry_type))
        - (b.entry_type === null ? 6 : ['Begin', 'Insert', 'Update', 'Delete', 'Commit', 'Rollback'].indexOf(b.entry_type));
      case 'collection': return a.kind !== b.kind ? (a.kind === 'damage' ? -1 : 1) : Buffer.compare(utf8(a.collection), utf8(b.collection));
      case 'document': return a.kind !== b.kind ? (a.kind === 'damage' ? -1 : 1) : Buffer.compare(utf8(a.document_id), utf8(b.document_id));
    }
  };
  return [...rows].sort((a, b) => (desc ? cmp(b, a) : cmp(a, b)) || a.row - b.row).map((r) => r.row);
}

async function check(file: string) {
  const sid = (await h.open(file)).session_id;
  const rows = must(await h.api.rows.page({ session_id: sid, offset: 0, limit: 10_000 })).rows;
  expect(rows.length).toBeGreaterThan(10);
  for (const key of ['file', 'time', 'size', 'type', 'collection', 'document'] as const) {
    for (const direction of ['asc', 'desc'] as const) {
      const got = must(await h.api.rows.page({ session_id: sid, offset: 0, limit: 10_000, sort: { key, direction } })).rows.map((r) => r.row);
      expect(got, `${key} ${direction}`).toEqual(reference(rows, key, direction === 'desc'));
    }
  }
}

describe('rows.page sorts', () => {
  it('order 1,500 random entries (times out of order, repeated sizes and ids) as a stable sort does', async () => {
    const rand = seededRandom(5);
    const list = Array.from({ length: 1500 }, (_, i) => randomEntry(rand, i));
    await check(writeFile(path.join(tempDir(), 'random.wal'), binaryBytes(list)));
  });

  it('order entries whose times strictly rise (descending time is file order reversed)', async () => {
    const list = entries(Array.from({ length: 40 }, (_, i) => ({ type: i % 2 ? 'Update' : 'Insert', doc: `d-${i % 7}` }) as const));
    await check(writeFile(path.join(tempDir(), 'rising.wal'), binaryBytes(list)));
  });

  for (const name of ['basic.wal', 'damaged-zero-run.wal', 'edge-ids.wal', 'damaged-lines.jsonl']) {
    it(`order ${name}: damage rows, ids by their bytes`, async () => {
      await check(path.join(GOLDEN, name));
    });
  }
});

describe('rows.page sorts with many ties', () => {
  // 2,000 entries over 3 collections, 9 documents, 5 sizes and 40 distinct times: long runs of equal keys in every column.
  const rand = seededRandom(11);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const types = ['Begin', 'Insert', 'Update', 'Delete', 'Commit'] as const;
  const tied = (times: (i: number) => bigint) => entries(Array.from({ length: 2000 }, (_, i) => ({
    type: pick(types), collection: pick(['a', 'b', 'é']), doc: pick(['d0', 'd1', 'd10', 'd2', 'D', 'x', 'xy', 'é', '']),
    data: pick(['{}', '{"a":1}', '{"aa":12}', '{"aaa":123}', null]), ts: times(i),
  })));

  it('order every column as a stable comparison sort, times in no order', async () => {
    await check(writeFile(path.join(tempDir(), 'ties.wal'), binaryBytes(tied(() => 1_700_000_000_000_000n + BigInt(Math.floor(rand() * 40)) * 1000n))));
  });

  it('order every column as a stable comparison sort, times rising with repeats (ascending is file order)', async () => {
    await check(writeFile(path.join(tempDir(), 'rising-ties.wal'), binaryBytes(tied((i) => 1_700_000_000_000_000n + BigInt(Math.floor(i / 7)) * 1000n))));
  });

  it('order descending first (no ascending order built before) as after ascending', async () => {
    const file = writeFile(path.join(tempDir(), 'desc-first.wal'), binaryBytes(tied(() => 1_700_000_000_000_000n + BigInt(Math.floor(rand() * 40)) * 1000n)));
    const sid = (await h.open(file)).session_id;
    const rows = must(await h.api.rows.page({ session_id: sid, offset: 0, limit: 10_000 })).rows;
    for (const key of ['time', 'size', 'type', 'collection', 'document'] as const) {
      const got = must(await h.api.rows.page({ session_id: sid, offset: 0, limit: 10_000, sort: { key, direction: 'desc' } })).rows.map((r) => r.row);
      expect(got, key).toEqual(reference(rows, key, true));
    }
  });
});

describe('descendingFrom', () => {
  it('reads runs of equal keys backwards, each forwards, NaN last', () => {
    const rand = seededRandom(4);
    for (let round = 0; round < 50; round++) {
      const n = Math.floor(rand() * 300);
      const keys = Float64Array.from({ length: n }, () => (rand() < 0.1 ? NaN : Math.floor(rand() * 6)));
      const k = (i: number) => (Number.isNaN(keys[i]!) ? -Infinity : keys[i]!);
      const idx = Array.from({ length: n }, (_, i) => i);
      const asc = Uint32Array.from([...idx].sort((a, b) => k(a) - k(b) || a - b));
      const want = [...idx].sort((a, b) => k(b) - k(a) || a - b);
      expect(Array.from(descendingFrom(asc, keys, n))).toEqual(want);
      // A range too wide to count (times in ms): runs found by reading keys in ascending order.
      expect(Array.from(descendingFrom(asc, keys.map((x) => x * 3_000_000), n))).toEqual(want);
      // Keys that are not integers: the same.
      expect(Array.from(descendingFrom(asc, keys.map((x) => x + 0.5), n))).toEqual(want);
      // File order as the ascending order (null): keys that never fall.
      const rising = Float64Array.from(keys).map((_, i) => Math.floor(i / 4));
      expect(Array.from(descendingFrom(null, rising, n))).toEqual([...idx].sort((a, b) => rising[b]! - rising[a]! || a - b));
    }
  });
});
