import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row, RowFilter, TransactionItem } from '../../../core/contract/contract.js';
import { openLocation } from '../../../core/inspector/open-location.js';
import { rowPage } from '../../../core/inspector/query/row-page.js';
import { stats } from '../../../core/inspector/query/stats.js';
import { timeline } from '../../../core/inspector/query/timeline.js';
import { transactions } from '../../../core/inspector/query/transactions.js';
import { Session } from '../../../core/inspector/session.js';
import { GOLDEN } from '../../support/paths.js';
import { binaryBytes, entries, harness, jsonlBytes, must, tempDir, writeFile, type Spec } from './support/inspector-fixtures.js';

/**
 * Transaction ids are kept as a hash of their bytes (not interned): filters, groups, counts
 * and the text shown must be exactly what they were with interned ids.
 */
const h = harness();
afterAll(() => h.service.close());

const LONG = 'p'.repeat(32);
/** Begin..Commit ids repeat; one single-entry id; a rolled-back and an incomplete transaction. */
const REPEATS: Spec[] = [
  { type: 'Begin', tx: 'A' }, { type: 'Insert', tx: 'A' }, { type: 'Update', tx: 'A', doc: 'doc-1' }, { type: 'Commit', tx: 'A' },
  { type: 'Insert', tx: 'single' },
  { type: 'Begin', tx: 'B' }, { type: 'Delete', tx: 'B' }, { type: 'Rollback', tx: 'B' },
  { type: 'Begin', tx: 'C' }, { type: 'Insert', tx: 'C' },
];
/** Two (three) transactions whose rows are interleaved; ids that are prefixes of each other; an id cut to 32 bytes. */
const INTERLEAVED: Spec[] = [
  { type: 'Begin', tx: 'abc' }, { type: 'Begin', tx: 'abcd' }, { type: 'Insert', tx: 'abc' }, { type: 'Insert', tx: 'abcd' },
  { type: 'Update', tx: 'abc' }, { type: 'Commit', tx: 'abcd' }, { type: 'Insert', tx: LONG }, { type: 'Delete', tx: 'abc' },
  { type: 'Insert', tx: `${LONG}zz` }, { type: 'Rollback', tx: 'abc' }, { type: 'Insert', tx: 'abcd' },
];

interface Expected {
  transaction_id: string;
  status: string;
  has_begin: boolean;
  entries: number;
  operations: number;
  first_row: number;
  last_row: number;
}

/** The reference grouping: by the id text (ids here are valid UTF-8, at most 32 bytes once cut). */
/** An id as shown: its UTF-8 cut to 32 bytes (the ids here cut between characters). */
const cut = (t: string) => Buffer.from(t, 'utf8').subarray(0, 32).toString('utf8');

function reference(specs: readonly Spec[]): Expected[] {
  const groups = new Map<string, number[]>();
  specs.forEach((s, row) => {
    const id = cut(s.tx!);
    groups.set(id, [...(groups.get(id) ?? []), row]);
  });
  return [...groups].map(([id, rows]) => {
    const types = rows.map((r) => specs[r]!.type);
    const begin = types.indexOf('Begin');
    const end = begin < 0 ? undefined : types.slice(begin).find((t) => t === 'Commit' || t === 'Rollback');
    const status = begin >= 0 ? (end === 'Commit' ? 'committed' : end === 'Rollback' ? 'rolled-back' : 'incomplete') : rows.length === 1 ? 'single-entry' : 'incomplete';
    return {
      transaction_id: id, status, has_begin: begin >= 0, entries: rows.length,
      operations: types.filter((t) => t === 'Insert' || t === 'Update' || t === 'Delete').length, first_row: rows[0]!, last_row: rows[rows.length - 1]!,
    };
  });
}

const ALL = { status: ['committed', 'rolled-back', 'incomplete', 'single-entry'] as TransactionItem['status'][] };

async function allRows(sid: string, filter?: RowFilter): Promise<Row[]> {
  return [...must(await h.api.rows.page({ session_id: sid, offset: 0, limit: 10_000, ...(filter ? { filter } : {}) })).rows];
}

describe.each([
  ['binary', 'repeats', REPEATS], ['jsonl', 'repeats', REPEATS],
  ['binary', 'interleaved', INTERLEAVED], ['jsonl', 'interleaved', INTERLEAVED],
] as const)('transaction ids (%s, %s)', (format, _name, specs) => {
  let sid = '';
  const list = entries(specs);
  const ref = reference(specs);
  beforeAll(async () => {
    const file = writeFile(path.join(tempDir(), format === 'jsonl' ? 'log.jsonl' : 'log.wal'), format === 'jsonl' ? jsonlBytes(list) : binaryBytes(list));
    sid = (await h.open(file)).session_id;
  });

  it('shows each row its id', async () => {
    const rows = await allRows(sid);
    expect(rows.map((r) => r.transaction_id)).toEqual(specs.map((s) => cut(s.tx!)));
    expect(rows.every((r) => r.id_utf8_valid)).toBe(true);
    const detail = must(await h.api.entry.get({ session_id: sid, row: 2 }));
    expect(detail.row.transaction_id).toBe(rows[2]!.transaction_id);
  });

  it('filters by transaction id (rows, timeline), exactly', async () => {
    for (const g of ref) {
      const rows = await allRows(sid, { transaction_id: g.transaction_id });
      const want = specs.flatMap((s, row) => (cut(s.tx!) === g.transaction_id ? [row] : []));
      expect(rows.map((r) => r.row)).toEqual(want);
      expect(rows.map((r) => r.row)).toHaveLength(g.entries);
      const t = must(await h.api.timeline.get({ session_id: sid, bucket_count: 4, filter: { transaction_id: g.transaction_id } }));
      expect(Object.values(t.counts).flat().reduce((a, b) => a + b, 0)).toBe(g.entries);
    }
    expect(await allRows(sid, { transaction_id: 'A\u0000' })).toEqual([]);
    expect(await allRows(sid, { transaction_id: 'no-such-tx' })).toEqual([]);
    expect(await allRows(sid, { transaction_id: '' })).toEqual([]);
    expect(await allRows(sid, { transaction_id: `${LONG}zz` })).toEqual([]);
  });

  it('groups transactions with their status, and counts them', async () => {
    const t = must(await h.api.transactions.list({ session_id: sid, ...ALL }));
    expect(t.items.map(({ transaction_id, status, has_begin, entries: n, operations, first_row, last_row }) => ({
      transaction_id, status, has_begin, entries: n, operations, first_row, last_row,
    }))).toEqual(ref);
    expect(t.total).toBe(ref.length);
    const paged = must(await h.api.transactions.list({ session_id: sid, ...ALL, offset: 1, limit: 1 }));
    expect(paged.items.map((i) => i.transaction_id)).toEqual([ref[1]!.transaction_id]);
    const s = must(await h.api.stats.get({ session_id: sid }));
    expect(s.transactions.ids).toBe(ref.length);
    expect(s.transactions.with_begin + s.transactions.without_begin).toBe(ref.length);
  });
});

describe('transaction ids that are not valid UTF-8 (golden edge-ids.wal)', () => {
  it('shows their lossy text, flags them, and keeps them apart', async () => {
    const sid = (await h.open(path.join(GOLDEN, 'edge-ids.wal'))).session_id;
    const manifest = fs.readFileSync(path.join(GOLDEN, 'edge-ids.wal.expected.jsonl'), 'utf8').split('\n').filter((l) => l)
      .map((l) => JSON.parse(l) as { transaction_id: string; id_utf8_valid?: boolean; collection: string; document_id: string });
    const rows = await allRows(sid);
    expect(rows.map((r) => [r.transaction_id, r.id_utf8_valid])).toEqual(manifest.map((m) => [m.transaction_id, m.id_utf8_valid ?? true]));
    const invalid = manifest.flatMap((m, row) => (m.id_utf8_valid === false && m.transaction_id.includes('\ufffd') ? [row] : []));
    expect(invalid.length).toBeGreaterThan(0);
    for (const row of invalid) {
      const d = must(await h.api.entry.get({ session_id: sid, row }));
      expect([d.row.transaction_id, d.row.id_utf8_valid]).toEqual([manifest[row]!.transaction_id, false]);
      // The lossy text is not the id's bytes: as with interned ids, it finds no row.
      expect(await allRows(sid, { transaction_id: manifest[row]!.transaction_id })).toEqual([]);
    }
    const t = must(await h.api.transactions.list({ session_id: sid, ...ALL }));
    const distinct = new Set(rows.map((r) => r.transaction_id));
    const s = must(await h.api.stats.get({ session_id: sid }));
    expect(t.total).toBe(s.transactions.ids);
    // Transaction ids included: the session's index checks them as `stats` does.
    expect(s.entries_with_invalid_utf8_ids).toBe(manifest.filter((m) => m.id_utf8_valid === false).length);
    expect(t.total).toBeGreaterThanOrEqual(distinct.size);
    for (const row of invalid) expect(t.items.some((i) => i.first_row === row && i.transaction_id === manifest[row]!.transaction_id)).toBe(true);
    const valid = rows.find((r) => r.id_utf8_valid && r.transaction_id.length > 0)!;
    expect((await allRows(sid, { transaction_id: valid.transaction_id })).map((r) => r.row)).toContain(valid.row);
  });
});

describe('hash collisions between transaction ids', () => {
  let session: Session;
  afterAll(() => session?.close());

  it('are told apart by the bytes (filters, groups, counts)', async () => {
    const specs: Spec[] = [
      { type: 'Begin', tx: 'one' }, { type: 'Begin', tx: 'two' }, { type: 'Insert', tx: 'one' }, { type: 'Commit', tx: 'one' },
      { type: 'Insert', tx: 'two' }, { type: 'Rollback', tx: 'two' }, { type: 'Insert', tx: 'three' },
    ];
    const file = writeFile(path.join(tempDir(), 'collide.wal'), binaryBytes(entries(specs)));
    session = new Session({ id: 's', input: file, located: await openLocation(file), emit: () => {}, followPollMs: 1000 });
    await session.indexer.whenDone();
    // Give 'two' and 'three' the hash of 'one', as if the 64-bit hashes collided.
    session.store.forEachChunk((c) => {
      for (const r of [1, 4, 5, 6]) {
        c.txLo[r] = c.txLo[0]!;
        c.txHi[r] = c.txHi[0]!;
      }
    });
    const page = (id: string) => rowPage(session, 0, 100, { transaction_id: id }, undefined).then((p) => p.rows.map((r) => [r.row, r.transaction_id]));
    expect(await page('one')).toEqual([[0, 'one'], [2, 'one'], [3, 'one']]);
    expect(await page('two')).toEqual([]); // its rows no longer carry its hash
    const t = await transactions(session, 0, 100, ['committed', 'rolled-back', 'incomplete', 'single-entry']);
    expect(t.items.map((i) => [i.transaction_id, i.status, i.entries, i.first_row, i.last_row])).toEqual([
      ['one', 'committed', 3, 0, 3], ['two', 'rolled-back', 3, 1, 5], ['three', 'single-entry', 1, 6, 6],
    ]);
    expect((await stats(session)).transactions).toEqual({ ids: 3, with_begin: 2, committed: 1, rolled_back: 1, never_terminated: 0, without_begin: 1, damaged: 0 });
    const tl = await timeline(session, 2, undefined, undefined, { transaction_id: 'one' });
    expect(Object.values(tl.counts).flat().reduce((a, b) => a + b, 0)).toBe(3);
  });
});
