import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectorEvent } from '../../../core/contract/contract.js';
import { readLog } from '../../../core/wal/read-log.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { recordToJson } from '../../../core/inspector/views/dump-view.js';
import { GOLDEN } from '../../support/paths.js';
import { binaryBytes, generated, harness, must, tempDir, writeFile } from './support/inspector-fixtures.js';

const h = harness();
afterAll(() => h.service.close());
const N = 150_000;
let big = '';
let bigFile = '';
let flip = '';
beforeAll(async () => {
  bigFile = writeFile(path.join(tempDir(), 'big.wal'), binaryBytes(generated(N)));
  big = (await h.open(bigFile)).session_id;
  flip = (await h.open(path.join(GOLDEN, 'damaged-data-bitflip.wal'))).session_id;
}, 120_000);

const progressOf = (jobId: string) => h.events.filter((e): e is Extract<InspectorEvent, { type: 'job.progress' }> => e.type === 'job.progress' && e.progress.job_id === jobId);

describe('long work: progress events and cancellation by job id', () => {
  it('a text search over all rows streams progress and finds the matches', async () => {
    const p = must(await h.api.rows.page({ session_id: big, offset: 0, limit: 5, filter: { text: 'needle-12342"' }, job_id: 'search-1' }));
    expect(p.total).toBe(1);
    expect(p.rows[0]!.row).toBe(12342);
    const progress = progressOf('search-1');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.progress).toMatchObject({ operation: 'rows.page', done: N, total: N, unit: 'rows' });
    // the result is kept: the same search again is instant and needs no job
    const again = must(await h.api.rows.page({ session_id: big, offset: 0, limit: 5, filter: { text: 'needle-12342"' } }));
    expect(again.total).toBe(1);
  });

  it('job.cancel stops a running search with ABORTED; an unknown job is not cancelled', async () => {
    const running = h.api.rows.page({ session_id: big, offset: 0, limit: 5, filter: { text: 'never-there' }, job_id: 'search-2' });
    await new Promise((r) => setTimeout(r, 5));
    expect(must(await h.api.job.cancel({ job_id: 'search-2' }))).toEqual({ cancelled: true });
    const r = await running;
    expect(r).toMatchObject({ ok: false, error: { code: 'ABORTED', context: { job_id: 'search-2' } } });
    expect(must(await h.api.job.cancel({ job_id: 'search-2' }))).toEqual({ cancelled: false });
  });

  it('export.rows writes JSON Lines exactly as dump prints records, and CSV; never overwrites', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'rows.jsonl');
    const r = must(await h.api.export.rows({ session_id: flip, format: 'jsonl', path: out, job_id: 'exp-1' }));
    expect(r.rows).toBe(31);
    const expected: string[] = [];
    for await (const rec of readLog(await locateLog(path.join(GOLDEN, 'damaged-data-bitflip.wal')))) expected.push(recordToJson(rec));
    expect(fs.readFileSync(out, 'utf8')).toBe(expected.map((l) => l + '\n').join(''));
    expect(r.bytes).toBe(fs.statSync(out).size);
    const again = await h.api.export.rows({ session_id: flip, format: 'jsonl', path: out });
    expect(again).toMatchObject({ ok: false, error: { code: 'OUTPUT_EXISTS' } });
    const csv = path.join(dir, 'inserts.csv');
    const c = must(await h.api.export.rows({ session_id: flip, format: 'csv', path: csv, filter: { types: ['Insert'], damage: 'exclude' }, sort: { key: 'time', direction: 'desc' } }));
    const lines = fs.readFileSync(csv, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('row,kind,segment,offset,length,entry_type,transaction_id,collection,document_id,timestamp,data,damage,detail');
    expect(lines.length).toBe(c.rows + 1);
    expect(lines.slice(1).every((l) => l.includes(',entry,') && l.includes(',Insert,'))).toBe(true);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('CSV keeps an absent value (empty field) apart from an empty string ("")', async () => {
    const edge = (await h.open(path.join(GOLDEN, 'edge-values.wal'))).session_id;
    const csv = path.join(tempDir(), 'edge.csv');
    must(await h.api.export.rows({ session_id: edge, format: 'csv', path: csv }));
    const lines = fs.readFileSync(csv, 'utf8').split('\r\n');
    const dataOf = (doc: string) => {
      const line = lines.find((l) => l.includes(`,${doc},`))!;
      return line.split(',').slice(10, 11)[0];
    };
    expect(dataOf('data-empty-string')).toBe('""');
    expect(lines.find((l) => l.includes(',ts-6,'))!.split(',')[10]).toBe('');
  });

  it('export of many rows can be cancelled and leaves no file', async () => {
    const out = path.join(tempDir(), 'all.jsonl');
    const running = h.api.export.rows({ session_id: big, format: 'jsonl', path: out, job_id: 'exp-2' });
    await new Promise((r) => setTimeout(r, 20));
    must(await h.api.job.cancel({ job_id: 'exp-2' }));
    expect(await running).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    expect(fs.existsSync(out)).toBe(false);
  });

  it('convert.run writes the intact entries in the other format', async () => {
    const out = path.join(tempDir(), 'converted.jsonl');
    const r = must(await h.api.convert.run({ session_id: flip, format: 'jsonl', path: out, job_id: 'conv-1' }));
    expect(r).toMatchObject({ entries: 30, skipped_damage: 1, path: out });
    const info = await h.open(out);
    expect(info.progress).toMatchObject({ entries: 30, damaged: 0 });
    expect(info.segments[0]!.format).toBe('jsonl');
  });
});
