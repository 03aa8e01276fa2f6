import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row, RowFilter, RowSort } from '../../../core/contract/contract.js';
import { entryText, type LogEntry } from '../../../core/wal/log-entry.js';
import { binaryBytes, generated, harness, must, tempDir, writeFile } from './support/inspector-fixtures.js';

const h = harness();
afterAll(() => h.service.close());

const N = 3000;
const list = generated(N);
const garbage = Buffer.alloc(50, 0xff);
let sid = '';
/** What the rows must be: the entries, with the damaged range after entry 1499. */
const oracle: { kind: 'entry' | 'damage'; e?: ReturnType<typeof entryText>; length: number }[] = [];

beforeAll(async () => {
  const first = binaryBytes(list.slice(0, 1500));
  const rest = binaryBytes(list.slice(1500));
  const file = writeFile(path.join(tempDir(), 'gen.wal'), Buffer.concat([first, garbage, rest]));
  list.forEach((e: LogEntry, i) => {
    if (i === 1500) oracle.push({ kind: 'damage', length: garbage.length });
    oracle.push({ kind: 'entry', e: entryText(e), length: binaryBytes([e]).length });
  });
  sid = (await h.open(file)).session_id;
});

async function all(filter?: RowFilter, sort?: RowSort): Promise<Row[]> {
  const page = must(await h.api.rows.page({ session_id: sid, offset: 0, limit: 10_000, ...(filter ? { filter } : {}), ...(sort ? { sort } : {}) }));
  expect(page.rows.length).toBe(page.total);
  return [...page.rows];
}

function expected(pred: (o: (typeof oracle)[number]) => boolean): number[] {
  return oracle.flatMap((o, row) => (pred(o) ? [row] : []));
}

describe('rows.page', () => {
  it('pages in file order with totals', async () => {
    const p = must(await h.api.rows.page({ session_id: sid, offset: 1495, limit: 10 }));
    expect(p).toMatchObject({ total: N + 1, total_unfiltered: N + 1, offset: 1495, complete: true });
    expect(p.rows.map((r) => r.row)).toEqual([1495, 1496, 1497, 1498, 1499, 1500, 1501, 1502, 1503, 1504]);
    expect(p.rows[5]).toMatchObject({ kind: 'damage', damage: 'undecodable', length: 50 });
    const past = must(await h.api.rows.page({ session_id: sid, offset: 5000, limit: 10 }));
    expect(past.rows).toEqual([]);
  });

  it('filters by type, collection, document, transaction, time, damage', async () => {
    const rows = (f: RowFilter) => all(f).then((r) => r.map((x) => x.row));
    expect(await rows({ types: ['Insert', 'Delete'] })).toEqual(expected((o) => o.kind === 'damage' || o.e!.entryType === 'Insert' || o.e!.entryType === 'Delete'));
    expect(await rows({ types: ['Insert'], damage: 'exclude' })).toEqual(expected((o) => o.kind === 'entry' && o.e!.entryType === 'Insert'));
    expect(await rows({ damage: 'only' })).toEqual([1500]);
    expect(await rows({ collection: 'orders' })).toEqual(expected((o) => o.e?.collection === 'orders'));
    expect(await rows({ document_id: 'doc-7' })).toEqual(expected((o) => o.e?.documentId === 'doc-7'));
    expect(await rows({ transaction_id: 'gen-00000042' })).toEqual(expected((o) => o.e?.transactionId === 'gen-00000042'));
    expect(await rows({ document_id: 'no-such-doc' })).toEqual([]);
    // A prefix: doc-1, doc-10…doc-19, doc-100…; with an exact id both must hold.
    const doc1 = expected((o) => !!o.e?.documentId.startsWith('doc-1'));
    expect(doc1.length).toBeGreaterThan(expected((o) => o.e?.documentId === 'doc-1').length);
    expect(await rows({ document_id_prefix: 'doc-1' })).toEqual(doc1);
    expect(await rows({ document_id_prefix: 'doc-1', document_id: 'doc-17' })).toEqual(expected((o) => o.e?.documentId === 'doc-17'));
    expect(await rows({ document_id_prefix: 'doc-1', document_id: 'doc-7' })).toEqual([]);
    expect(await rows({ document_id_prefix: 'doc-1', types: ['Insert'] })).toEqual(expected((o) => !!o.e?.documentId.startsWith('doc-1') && o.e.entryType === 'Insert'));
    expect(await rows({ document_id_prefix: 'zzz' })).toEqual([]);
    const tl = must(await h.api.timeline.get({ session_id: sid, bucket_count: 7, filter: { document_id_prefix: 'doc-1' } }));
    expect(Object.values(tl.counts).flat().reduce((a, b) => a + b, 0)).toBe(doc1.length);
    expect(tl.damage.reduce((a, b) => a + b, 0)).toBe(0);
    const from = 1_732_400_000_000 + 5000;
    const to = 1_732_400_000_000 + 9000;
    expect(await rows({ time_from: from, time_to: to, damage: 'exclude' })).toEqual(
      expected((o) => o.kind === 'entry' && Number(o.e!.timestamp) >= from && Number(o.e!.timestamp) <= to),
    );
    expect(await rows({ types: ['Update'], collection: 'users', document_id: 'doc-8' })).toEqual(
      expected((o) => o.e?.entryType === 'Update' && o.e.collection === 'users' && o.e.documentId === 'doc-8'),
    );
  });

  it('searches the data text (case-insensitive by default, case-sensitive on request)', async () => {
    expect((await all({ text: 'needle-1234"' })).map((r) => r.row)).toEqual(expected((o) => !!o.e?.data?.includes('needle-1234"')));
    expect((await all({ text: 'NAME77' })).map((r) => r.row)).toEqual(expected((o) => !!o.e?.data?.toLowerCase().includes('name77')));
    expect(await all({ text: 'NAME77', text_case_sensitive: true })).toEqual([]);
    // ids and timestamps are not data: a document id never matches a text search
    expect(await all({ text: 'doc-7' })).toEqual([]);
  });

  it('sorts by every key, ties in file order, both directions', async () => {
    const keyed = <T>(key: (o: (typeof oracle)[number]) => T, cmp: (a: T, b: T) => number, desc = false) =>
      oracle.map((o, row) => ({ row, k: key(o) })).sort((a, b) => (desc ? cmp(b.k, a.k) : cmp(a.k, b.k)) || a.row - b.row).map((x) => x.row);
    const num = (a: number, b: number) => a - b;
    const str = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
    const time = (o: (typeof oracle)[number], i = oracle.indexOf(o)): number => o.e ? Number(o.e.timestamp) : time(oracle[i - 1]!);
    const types = ['Begin', 'Insert', 'Update', 'Delete', 'Commit', 'Rollback'];
    const rows = (s: RowSort) => all(undefined, s).then((r) => r.map((x) => x.row));
    expect(await rows({ key: 'time' })).toEqual(keyed((o) => time(o), num));
    expect(await rows({ key: 'time', direction: 'desc' })).toEqual(keyed((o) => time(o), num, true));
    expect(await rows({ key: 'size' })).toEqual(keyed((o) => o.length, num));
    expect(await rows({ key: 'type' })).toEqual(keyed((o) => (o.e ? types.indexOf(o.e.entryType) : 6), num));
    expect(await rows({ key: 'collection', direction: 'desc' })).toEqual(keyed((o) => o.e?.collection ?? '', str, true));
    expect(await rows({ key: 'document' })).toEqual(keyed((o) => o.e?.documentId ?? '', str));
    expect(await rows({ key: 'file', direction: 'desc' })).toEqual(oracle.map((_, i) => i).reverse());
    const sortedFiltered = await all({ collection: 'orders', types: ['Insert'] }, { key: 'time', direction: 'desc' });
    expect(sortedFiltered.map((r) => r.row)).toEqual(keyed((o) => time(o), num, true).filter((r) => oracle[r]!.e?.collection === 'orders' && oracle[r]!.e?.entryType === 'Insert'));
  });

  it('a large page (10,000 rows) is one call', async () => {
    const p = must(await h.api.rows.page({ session_id: sid, offset: 0, limit: 10_000 }));
    expect(p.rows.length).toBe(N + 1);
  });
});
