import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBinaryEntry } from '../../core/wal/binary-codec.js';
import { createEntry } from '../../core/wal/new-entry.js';
import { WalWriter } from '../../core/wal/writer/index.js';
import { GOLDEN } from '../support/paths.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-cli-dump-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const lines = (s: string) => s.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('dump', () => {
  it('prints jsonl records in file order and exits 0 on a clean log', async () => {
    const r = await runCliCaptured(['dump', path.join(GOLDEN, 'basic.wal'), '--format', 'jsonl']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const recs = lines(r.stdout);
    expect(recs).toHaveLength(31);
    expect(recs[0]).toMatchObject({ kind: 'entry', segment: 'basic.wal', offset: 0, entry_type: 'Begin' });
  });

  it('exits 1 on damage, reports it on stderr, and keeps stdout machine-readable', async () => {
    const r = await runCliCaptured(['dump', path.join(GOLDEN, 'damaged-zero-run.wal'), '--format', 'jsonl']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/2 damaged ranges found/);
    const damage = lines(r.stdout).filter((x) => x.kind === 'damage');
    expect(damage.map((d) => d.damage)).toEqual(['crc-mismatch', 'undecodable']);
    expect(typeof damage[0]!.detail).toBe('string');
  });

  it('filters by type (case-insensitive list), document, txid, time and limit', async () => {
    const file = path.join(GOLDEN, 'basic.wal');
    const byType = lines((await runCliCaptured(['dump', file, '--format', 'jsonl', '--type', 'insert,DELETE'])).stdout);
    expect(byType.length).toBeGreaterThan(0);
    expect(new Set(byType.map((x) => x.entry_type))).toEqual(new Set(['Insert', 'Delete']));
    const all = lines((await runCliCaptured(['dump', file, '--format', 'jsonl'])).stdout);
    const doc = all.find((x) => x.entry_type === 'Update')!.document_id as string;
    const byDoc = lines((await runCliCaptured(['dump', file, '--format', 'jsonl', '--document', doc])).stdout);
    expect(byDoc.every((x) => x.document_id === doc)).toBe(true);
    const none = await runCliCaptured(['dump', file, '--document', 'no-such-document']);
    expect([none.code, none.stdout, none.stderr]).toEqual([0, '', 'no entries match the filters\n']);
    const prefix = doc.slice(0, Math.max(1, doc.length - 2));
    const byPrefix = lines((await runCliCaptured(['dump', file, '--format', 'jsonl', '--document', `${prefix}*`])).stdout);
    const wanted = all.filter((x) => x.kind === 'entry' && (x.document_id as string).startsWith(prefix));
    expect(byPrefix.length).toBeGreaterThan(byDoc.length - 1);
    expect(byPrefix.map((x) => x.offset)).toEqual(wanted.map((x) => x.offset));
    const tx = all[0]!.transaction_id as string;
    const byTx = lines((await runCliCaptured(['dump', file, '--format', 'jsonl', '--txid', tx])).stdout);
    expect(byTx.length).toBeGreaterThan(1);
    expect(byTx.every((x) => x.transaction_id === tx)).toBe(true);
    const ts = all.map((x) => BigInt(x.timestamp as string));
    const mid = ts[15]!;
    const since = lines((await runCliCaptured(['dump', file, '--format', 'jsonl', '--since', String(mid)])).stdout);
    expect(since.length).toBe(ts.filter((t) => t >= mid).length);
    const iso = new Date(Number(mid)).toISOString();
    const until = lines((await runCliCaptured(['dump', file, '--format', 'jsonl', '--until', iso])).stdout);
    expect(until.length).toBe(ts.filter((t) => t <= mid).length);
    const limited = lines((await runCliCaptured(['dump', file, '--format', 'jsonl', '--limit', '3'])).stdout);
    expect(limited).toHaveLength(3);
  });

  it('prints a table and a JSON array', async () => {
    const table = await runCliCaptured(['dump', path.join(GOLDEN, 'damaged-truncated.wal')]);
    expect(table.stdout.split('\n')[0]).toMatch(/^SEGMENT\s+OFFSET\s+LENGTH\s+TYPE/);
    expect(table.stdout).toMatch(/DAMAGE\s+truncated-tail/);
    const json = await runCliCaptured(['dump', path.join(GOLDEN, 'basic.wal'), '--format', 'json']);
    expect(JSON.parse(json.stdout)).toHaveLength(31);
  });

  it('reads a whole chain from a WAL directory, compressed segments included', async () => {
    const r = await runCliCaptured(['dump', path.join(GOLDEN, 'chain'), '--format', 'jsonl']);
    expect(r.code).toBe(0);
    const segs = [...new Set(lines(r.stdout).map((x) => x.segment))];
    expect(segs).toHaveLength(7);
    expect(segs[segs.length - 1]).toBe('transactions.wal');
  });

  it('usage and I/O errors exit 2 naming the option or file', async () => {
    const missing = await runCliCaptured(['dump', path.join(tmp, 'nope.wal')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.wal');
    const badType = await runCliCaptured(['dump', path.join(GOLDEN, 'basic.wal'), '--type', 'Upsert']);
    expect(badType.code).toBe(2);
    expect(badType.stderr).toContain('--type');
    const badFormat = await runCliCaptured(['dump', path.join(GOLDEN, 'basic.wal'), '--format', 'xml']);
    expect(badFormat.code).toBe(2);
    const badSince = await runCliCaptured(['dump', path.join(GOLDEN, 'basic.wal'), '--since', 'yesterday-ish']);
    expect(badSince.code).toBe(2);
    expect(badSince.stderr).toContain('--since');
    const unknown = await runCliCaptured(['frobnicate']);
    expect(unknown.code).toBe(2);
    const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
    const noWal = await runCliCaptured(['dump', empty]);
    expect(noWal.code).toBe(2);
    expect(noWal.stderr).toMatch(/no WAL here/);
  });

  it('a 0-byte file is an empty log; a file that is not a WAL is one damaged range', async () => {
    const empty = path.join(tmp, 'empty.wal');
    fs.writeFileSync(empty, '');
    const r = await runCliCaptured(['dump', empty, '--format', 'jsonl']);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    const text = path.join(tmp, 'notes.txt');
    fs.writeFileSync(text, 'these are not the bytes you are looking for\n'.repeat(20));
    const t = await runCliCaptured(['dump', text, '--format', 'jsonl']);
    expect(t.code).toBe(1);
    expect(lines(t.stdout)).toEqual([expect.objectContaining({ kind: 'damage', offset: 0, length: fs.statSync(text).size, damage: 'undecodable' })]);
  });

  it('--follow prints entries appended while it runs, holding an incomplete tail', async () => {
    const file = path.join(tmp, 'follow.wal');
    const entry = (i: number) => Buffer.from(encodeBinaryEntry(createEntry({ entryType: 'Insert', collection: 'c', documentId: `d${i}`, timestamp: BigInt(i), data: '{}' })));
    fs.writeFileSync(file, entry(0));
    const controller = new AbortController();
    const run = runCliCaptured(['dump', file, '--format', 'jsonl', '--follow'], { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 300));
    const second = entry(1);
    fs.appendFileSync(file, second.subarray(0, 10)); // half-written
    await new Promise((r) => setTimeout(r, 400));
    fs.appendFileSync(file, second.subarray(10));
    fs.appendFileSync(file, entry(2));
    await new Promise((r) => setTimeout(r, 600));
    controller.abort();
    const r = await run;
    const recs = lines(r.stdout);
    expect(recs.map((x) => x.document_id)).toEqual(['d0', 'd1', 'd2']);
    expect(r.code).toBe(0);
  });
});

describe('dump --follow across rotations', () => {
  it('keeps printing when the writer rotates the active segment away', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'rotating-'));
    const writer = await WalWriter.open(path.join(dir, '.wal'), { maxRecordsPerFile: 3, compression: 'none' });
    const entry = (i: number) => createEntry({ entryType: 'Insert', collection: 'c', documentId: `d${i}`, timestamp: BigInt(i), data: '{}' });
    await writer.append(entry(0));
    const controller = new AbortController();
    const run = runCliCaptured(['dump', dir, '--format', 'jsonl', '--follow'], { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 1; i < 8; i++) {
      await writer.append(entry(i));
      await new Promise((r) => setTimeout(r, 120));
    }
    await writer.close();
    await new Promise((r) => setTimeout(r, 700));
    controller.abort();
    const r = await run;
    expect(fs.readdirSync(path.join(dir, '.wal')).filter((f) => f !== 'transactions.wal').length).toBeGreaterThanOrEqual(2);
    expect(lines(r.stdout).map((x) => x.document_id)).toEqual(['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7']);
  });
});

describe('stats and convert', () => {
  it('stats --json counts types, collections, transactions and damage', async () => {
    const r = await runCliCaptured(['stats', path.join(GOLDEN, 'damaged-zero-run.wal'), '--json']);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout);
    expect(s.entries).toBe(29);
    expect(s.damaged).toBe(2);
    expect(s.rows).toBe(31);
    expect(Object.values(s.by_type as Record<string, number>).reduce((n, v) => n + v, 0)).toBe(29);
    expect(typeof s.first_time).toBe('string');
    const clean = JSON.parse((await runCliCaptured(['stats', path.join(GOLDEN, 'basic.wal'), '--json'])).stdout);
    expect(clean.transactions).toMatchObject({ with_begin: 5, committed: 3, rolled_back: 2, never_terminated: 0 });
    expect(clean.transactions.ids).toBe(clean.transactions.with_begin + clean.transactions.without_begin);
  });

  it('convert jsonl → binary gives the original bytes, and never overwrites', async () => {
    const out = path.join(tmp, 'basic-converted.wal');
    const r = await runCliCaptured(['convert', path.join(GOLDEN, 'basic.jsonl'), out, '--to', 'binary']);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(out).equals(fs.readFileSync(path.join(GOLDEN, 'basic.wal')))).toBe(true);
    fs.writeFileSync(out, 'keep me');
    const again = await runCliCaptured(['convert', path.join(GOLDEN, 'basic.jsonl'), out, '--to', 'binary']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const back = path.join(tmp, 'basic-back.jsonl');
    expect((await runCliCaptured(['convert', out.replace('converted', 'nope'), back, '--to', 'jsonl'])).code).toBe(2);
    const jl = path.join(tmp, 'basic.jsonl');
    expect((await runCliCaptured(['convert', path.join(GOLDEN, 'basic.wal'), jl, '--to', 'jsonl'])).code).toBe(0);
    expect(fs.readFileSync(jl).equals(fs.readFileSync(path.join(GOLDEN, 'basic.jsonl')))).toBe(true);
  });
});

describe('a lone compressed segment', () => {
  it.each(['zst', 'lz4', 'br', 'deflate', 'gz'])('is decompressed by its .%s extension', async (ext) => {
    const dir = path.join(GOLDEN, 'chain');
    const name = fs.readdirSync(dir).find((f) => f.endsWith(`.wal.${ext}`))!;
    const r = await runCliCaptured(['dump', path.join(dir, name), '--format', 'jsonl']);
    expect(r.code).toBe(0);
    const recs = lines(r.stdout);
    expect(recs.length).toBeGreaterThan(0);
    expect(recs.every((x) => x.kind === 'entry' && x.segment === name)).toBe(true);
  });
});
