import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Row, SortKey } from '../../../../core/contract/contract.js';
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
