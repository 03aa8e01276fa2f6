import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowFilter } from '../../../core/contract/contract.js';
import { entryText, type LogEntry } from '../../../core/wal/log-entry.js';
import { createEntry } from '../../../core/wal/new-entry.js';
import { BASE_TS, binaryBytes, harness, jsonlBytes, must, tempDir, writeFile } from './support/inspector-fixtures.js';

const h = harness();
afterAll(() => h.service.close());

/** Entries with nested data, some not JSON, in transactions of every status, a damaged range in the middle. */
function makeList(n: number): LogEntry[] {
  const out: LogEntry[] = [];
  for (let i = 0; i < n; i++) {
    const type = (['Begin', 'Insert', 'Update', 'Commit', 'Insert', 'Update', 'Delete', 'Rollback'] as const)[i % 8]!;
    const data = type === 'Insert' || type === 'Update'
      ? i % 37 === 0 ? `not json ${i}` : JSON.stringify({ name: i % 5 === 0 ? `Jane${i}` : `Bob${i}`, age: i % 90, counters: { views: i * 100 }, active: i % 3 === 0, tags: i % 4 === 0 ? ['beta'] : ['alpha'] })
      : null;
    out.push(createEntry({
      entryType: type, transactionId: `tx-${Math.floor(i / 4)}`, collection: i % 2 === 0 ? 'inventory' : 'users', documentId: `doc-${i % 40}`,
      timestamp: BASE_TS + BigInt(i * 10), data,
    }));
  }
  return out;
}

const list = makeList(2400);
const garbage = Buffer.alloc(40, 0xff);
let binary = '';
let jsonl = '';
const texts = list.map((e) => entryText(e));
/** Row numbers of the binary log: entry i is row i below 1200, row i + 1 from there (the damage is row 1200). */
const rowOf = (i: number) => (i < 1200 ? i : i + 1);

beforeAll(async () => {
  const dir = tempDir();
  const file = writeFile(path.join(dir, 'where.wal'), Buffer.concat([binaryBytes(list.slice(0, 1200)), garbage, binaryBytes(list.slice(1200))]));
  binary = (await h.open(file)).session_id;
  const lines = writeFile(path.join(tempDir(), 'where.jsonl'), jsonlBytes(list));
  jsonl = (await h.open(lines)).session_id;
});

async function rows(sid: string, filter: RowFilter): Promise<{ rows: number[]; total: number; scanned?: number; of: number }> {
  const p = must(await h.api.rows.page({ session_id: sid, offset: 0, limit: 10_000, filter }));
  return { rows: p.rows.map((r) => r.row), total: p.total, ...(p.scanned !== undefined ? { scanned: p.scanned } : {}), of: p.total_unfiltered };
}

function json(i: number): Record<string, unknown> | null {
  const d = texts[i]!.data;
  if (d === null) return null;
  try {
    return JSON.parse(d) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function expectedRows(pred: (i: number) => boolean, map = rowOf): number[] {
  return list.flatMap((_, i) => (pred(i) ? [map(i)] : []));
}

describe('rows.page with where', () => {
  it('the issue\'s examples: complete answers, "matched N of M scanned"', async () => {
    const ex1 = await rows(binary, { where: 'entry_type == "Update" && data.counters.views > 40000 && data.active == true' });
    const want1 = expectedRows((i) => texts[i]!.entryType === 'Update' && ((json(i)?.['counters'] as { views: number } | undefined)?.views ?? 0) > 40000 && json(i)?.['active'] === true);
    expect(want1.length).toBeGreaterThan(10);
    expect(ex1).toEqual({ rows: want1, total: want1.length, scanned: 2401, of: 2401 });
    const ex2 = await rows(binary, { where: 'collection == "inventory" && has(data.tags) && "beta" in data.tags' });
    expect(ex2.rows).toEqual(expectedRows((i) => texts[i]!.collection === 'inventory' && ((json(i)?.['tags'] as string[] | undefined) ?? []).includes('beta')));
    const ex3 = await rows(binary, { where: 'entry_type in ["Insert", "Update"] && data.name.startsWith("J") && data.age >= 40' });
    expect(ex3.rows).toEqual(expectedRows((i) => ['Insert', 'Update'].includes(texts[i]!.entryType) && String(json(i)?.['name'] ?? '').startsWith('J') && (json(i)?.['age'] as number) >= 40));
    expect(ex3.rows.length).toBeGreaterThan(5);
    // The same answers from the JSON Lines copy of the log (no damage there).
    const j3 = await rows(jsonl, { where: 'entry_type in ["Insert", "Update"] && data.name.startsWith("J") && data.age >= 40' });
    expect(j3.rows).toEqual(expectedRows((i) => ['Insert', 'Update'].includes(texts[i]!.entryType) && String(json(i)?.['name'] ?? '').startsWith('J') && (json(i)?.['age'] as number) >= 40, (i) => i));
  });

  it('envelope fields, transaction ids and statuses, damage; combined with the other filters', async () => {
    expect((await rows(binary, { where: 'document_id == "doc-7" && size > 10' })).rows).toEqual(expectedRows((i) => texts[i]!.documentId === 'doc-7'));
    expect((await rows(binary, { where: 'transaction_id == "tx-3"' })).rows).toEqual(expectedRows((i) => texts[i]!.transactionId === 'tx-3'));
    // Transactions of 4: Begin Insert Update Commit (committed), then Insert Update Delete Rollback (no Begin: unterminated).
    const committed = await rows(binary, { where: 'transaction_status == "committed"' });
    expect(committed.rows).toEqual(expectedRows((i) => Math.floor(i / 4) % 2 === 0));
    expect((await rows(binary, { where: 'damaged' })).rows).toEqual([1200]);
    expect((await rows(binary, { where: 'timestamp >= 1732400010000u && time < timestamp("2024-11-23T22:13:20.100Z")' })).rows)
      .toEqual(expectedRows((i) => BASE_TS + BigInt(i * 10) >= 1_732_400_010_000n && BASE_TS + BigInt(i * 10) < 1_732_400_000_100n));
    const both = await rows(binary, { where: 'data.age < 10', types: ['Insert'], collection: 'users' });
    expect(both.rows).toEqual(expectedRows((i) => texts[i]!.entryType === 'Insert' && texts[i]!.collection === 'users' && (json(i)?.['age'] as number) < 10));
  });

  it('data that is not JSON is null, never an error', async () => {
    const nulls = await rows(binary, { where: 'entry_type == "Insert" && data == null' });
    expect(nulls.rows).toEqual(expectedRows((i) => texts[i]!.entryType === 'Insert' && json(i) === null));
    expect(nulls.rows.length).toBeGreaterThan(0);
  });

  it('timeline.get and export.rows take the same where', async () => {
    const where = 'entry_type == "Update" && data.age >= 45';
    const want = expectedRows((i) => texts[i]!.entryType === 'Update' && (json(i)?.['age'] as number) >= 45);
    const tl = must(await h.api.timeline.get({ session_id: binary, bucket_count: 5, filter: { where } }));
    expect(Object.values(tl.counts).flat().reduce((a, b) => a + b, 0)).toBe(want.length);
    const out = path.join(tempDir(), 'out.jsonl');
    const ex = must(await h.api.export.rows({ session_id: binary, filter: { where }, format: 'jsonl', path: out }));
    expect(ex.rows).toBe(want.length);
    expect(fs.readFileSync(out, 'utf8').trim().split('\n').length).toBe(want.length);
  });

  it('a malformed query is INVALID_QUERY naming the column', async () => {
    const r = await h.api.rows.page({ session_id: binary, offset: 0, limit: 10, filter: { where: 'data.age >= ' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_QUERY');
    expect(r.error.context.column).toBe(13); // the end of the text
    expect(r.error.message).toMatch(/^column 13: the query ends too early/);
  });
});
