import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEntry } from '../../core/wal/new-entry.js';
import { entryText, type LogEntry } from '../../core/wal/log-entry.js';
import { BASE_TS, binaryBytes, tempDir, writeFile } from '../core/inspector/support/inspector-fixtures.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';

/** Entries of three kinds of data, a committed transaction and a rolled-back one, damage after entry 40. */
function makeList(): LogEntry[] {
  const out: LogEntry[] = [];
  for (let i = 0; i < 80; i++) {
    const type = i % 10 === 0 ? 'Begin' : i % 10 === 9 ? (i % 20 === 9 ? 'Commit' : 'Rollback') : i % 2 === 0 ? 'Insert' : 'Update';
    const data = type === 'Insert' || type === 'Update'
      ? i % 13 === 0 ? 'plain text' : JSON.stringify({ name: i % 3 === 0 ? `Jane ${i}` : `Bob ${i}`, age: i, counters: { views: i * 1000 }, active: i % 2 === 1, tags: i % 4 === 1 ? ['beta'] : [] })
      : null;
    out.push(createEntry({
      entryType: type, transactionId: `tx-${Math.floor(i / 10)}`, collection: i % 5 === 0 ? 'inventory' : 'users',
      documentId: `doc-${i}`, timestamp: BASE_TS + BigInt(i), data,
    }));
  }
  return out;
}

const list = makeList();
const texts = list.map(entryText);
let file = '';

beforeAll(() => {
  file = writeFile(path.join(tempDir('cli-where-'), 'log.wal'), Buffer.concat([binaryBytes(list.slice(0, 40)), Buffer.alloc(30, 0xee), binaryBytes(list.slice(40))]));
});

async function docs(...args: string[]): Promise<string[]> {
  const r = await runCliCaptured(['dump', file, '--format', 'jsonl', ...args]);
  expect(r.code, r.stderr).toBe(1); // the log has damage
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; document_id?: string }).filter((x) => x.kind === 'entry').map((x) => x.document_id!);
}

const data = (i: number) => { try { return JSON.parse(texts[i]!.data ?? 'null') as Record<string, unknown> | null; } catch { return null; } };
const want = (pred: (i: number) => boolean) => list.flatMap((_, i) => (pred(i) ? [`doc-${i}`] : []));

describe('dump --where / --filter', () => {
  it('the issue\'s examples', async () => {
    expect(await docs('--where', 'entry_type == "Update" && data.counters.views > 40000 && data.active == true'))
      .toEqual(want((i) => texts[i]!.entryType === 'Update' && i * 1000 > 40000 && data(i)?.['active'] === true));
    expect(await docs('--where', 'entry_type in ["Insert", "Update"] && data.name.startsWith("J") && data.age >= 40'))
      .toEqual(want((i) => ['Insert', 'Update'].includes(texts[i]!.entryType) && String(data(i)?.['name'] ?? '').startsWith('J') && i >= 40));
    expect(await docs('--where', 'collection == "users" && has(data.tags) && "beta" in data.tags'))
      .toEqual(want((i) => texts[i]!.collection === 'users' && ((data(i)?.['tags'] as string[] | undefined) ?? []).includes('beta')));
  });

  it('several --where and --filter are ANDed, with the other filters', async () => {
    expect(await docs('--filter', 'age>=20', '--filter', 'name^Jane', '--where', 'size > 0', '--type', 'insert'))
      .toEqual(want((i) => texts[i]!.entryType === 'Insert' && i >= 20 && String(data(i)?.['name'] ?? '').startsWith('Jane')));
    expect(await docs('--filter', 'tags~bet', '--collection', 'users')).toEqual(want((i) => texts[i]!.collection === 'users' && i % 4 === 1 && data(i) !== null));
  });

  it('transaction_status reads the log for statuses first', async () => {
    expect(await docs('--where', 'transaction_status == "rolled_back"')).toEqual(want((i) => Math.floor(i / 10) % 2 === 1));
  });

  it('a malformed query is a usage error (exit 2) naming the option and column', async () => {
    const r = await runCliCaptured(['dump', file, '--where', 'data.age >> 3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^wal-inspector dump: --where: column 11: found ">": expected a value or a field\n/);
    const f = await runCliCaptured(['dump', file, '--filter', 'age exists:maybe']);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/--filter: column 12: found "maybe": expected true or false/);
    expect(r.stdout + f.stdout).toBe('');
  });
});

describe('stats and convert --where', () => {
  it('stats summarises the matching entries', async () => {
    const r = await runCliCaptured(['stats', file, '--json', '--where', 'entry_type == "Insert" && data.age < 50']);
    const s = JSON.parse(r.stdout) as { entries: number; by_type: Record<string, number>; damaged: number };
    const n = want((i) => texts[i]!.entryType === 'Insert' && data(i) !== null && i < 50).length;
    expect(s.entries).toBe(n);
    expect(s.by_type['Insert']).toBe(n);
    expect(s.by_type['Update']).toBe(0);
    expect(s.damaged).toBe(0); // the damaged range is not an Insert
    const all = JSON.parse((await runCliCaptured(['stats', file, '--json'])).stdout) as { entries: number };
    expect(all.entries).toBe(80);
  });

  it('convert writes only the matching entries', async () => {
    const out = path.join(tempDir('cli-where-'), 'out.jsonl');
    const r = await runCliCaptured(['convert', file, out, '--to', 'jsonl', '--json', '--filter', 'name^Jane']);
    expect(JSON.parse(r.stdout).entries).toBe(want((i) => String(data(i)?.['name'] ?? '').startsWith('Jane')).length);
    expect(fs.readFileSync(out, 'utf8').trim().split('\n').length).toBe(JSON.parse(r.stdout).entries);
  });
});
