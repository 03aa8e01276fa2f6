import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32 } from '../../../core/wal/crc32.js';
import { GOLDEN } from '../../support/paths.js';
import { harness, must } from './support/inspector-fixtures.js';

const h = harness();
afterAll(() => h.service.close());
let basic = '';
let bitflip = '';
let chain = '';
beforeAll(async () => {
  basic = (await h.open(path.join(GOLDEN, 'basic.wal'))).session_id;
  bitflip = (await h.open(path.join(GOLDEN, 'damaged-data-bitflip.wal'))).session_id;
  chain = (await h.open(path.join(GOLDEN, 'chain'))).session_id;
});

describe('entry.get', () => {
  it('gives fields, pretty data, raw bytes with contiguous field spans and both CRCs', async () => {
    const d = must(await h.api.entry.get({ session_id: basic, row: 1 }));
    const raw = Buffer.from(d.raw.base64, 'base64');
    const file = fs.readFileSync(path.join(GOLDEN, 'basic.wal'));
    expect(raw.equals(file.subarray(d.row.offset, d.row.offset + d.row.length))).toBe(true);
    expect(d.raw).toMatchObject({ offset: d.row.offset, length: d.row.length, truncated: false });
    expect(d.spans.map((s) => s.field)).toEqual([
      'entry_type', 'transaction_id_length', 'transaction_id', 'collection_length', 'collection', 'document_id_length', 'document_id',
      'timestamp', 'data_tag', 'data_length', 'data', 'crc',
    ]);
    for (let i = 1; i < d.spans.length; i++) expect(d.spans[i]!.start).toBe(d.spans[i - 1]!.end);
    expect(d.spans.at(-1)!.end).toBe(raw.length);
    const dataSpan = d.spans.find((s) => s.field === 'data')!;
    expect(raw.subarray(dataSpan.start, dataSpan.end).toString('utf8')).toBe(d.data);
    expect(d.crc_stored).toBe(d.crc_computed);
    expect(d.crc_computed).toBe(crc32(raw.subarray(0, raw.length - 4)));
    expect(d.data_pretty).toContain('\n  ');
    expect(JSON.parse(d.data_pretty!)).toEqual(JSON.parse(d.data!));
    expect(d.collection_hex).toBe(Buffer.from('users').toString('hex').padEnd(32, '0'));
    expect(d.time_iso).toBe(new Date(Number(d.row.timestamp)).toISOString());
  });

  it('a damage row shows the bytes around it; a CRC mismatch shows its fields and both CRCs', async () => {
    const d = must(await h.api.entry.get({ session_id: bitflip, row: 4 }));
    expect(d.row).toMatchObject({ kind: 'damage', damage: 'crc-mismatch' });
    expect(d.raw.offset).toBe(d.row.offset - 64);
    const damage = d.spans.find((s) => s.field === 'damage')!;
    expect(damage).toMatchObject({ start: 64, end: 64 + d.row.length });
    expect(d.spans.map((s) => s.field)).toContain('before');
    expect(d.spans.map((s) => s.field)).toContain('after');
    expect(d.crc_stored).not.toBe(d.crc_computed);
    expect(d.spans.find((s) => s.field === 'data')!.start).toBeGreaterThan(64);
  });

  it('an unknown row is UNKNOWN_ROW', async () => {
    expect(await h.api.entry.get({ session_id: basic, row: 31 })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ROW', context: { row: 31 } } });
  });

  it('reads entries of compressed segments', async () => {
    const p = must(await h.api.rows.page({ session_id: chain, offset: 0, limit: 30 }));
    for (const row of [0, 5, 12, 29]) {
      const d = must(await h.api.entry.get({ session_id: chain, row }));
      expect(d.crc_stored).toBe(d.crc_computed);
      expect(d.row.segment).toBe(p.rows[row]!.segment);
    }
  });
});

describe('damage.list, timeline.get, transactions.list, stats.get', () => {
  it('lists damage in file order', async () => {
    const d = must(await h.api.damage.list({ session_id: bitflip }));
    expect(d).toMatchObject({ total: 1, complete: true });
    expect(d.items[0]).toMatchObject({ row: 4, damage: 'crc-mismatch', segment: 'damaged-data-bitflip.wal' });
    expect(must(await h.api.damage.list({ session_id: basic })).total).toBe(0);
  });

  it('buckets entries per type and marks damage over any range', async () => {
    const t = must(await h.api.timeline.get({ session_id: bitflip, bucket_count: 10 }));
    const total = Object.values(t.counts).reduce((n, series) => n + series.reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(30);
    expect(t.damage.reduce((a, b) => a + b, 0)).toBe(1);
    expect(t.counts.Insert.length).toBe(10);
    expect(t.max_total).toBeGreaterThan(0);
    const info = must(await h.api.session.info({ session_id: bitflip }));
    const half = must(await h.api.timeline.get({ session_id: bitflip, bucket_count: 3, time_from: info.first_time!, time_to: info.first_time! + 1 }));
    expect(Object.values(half.counts).reduce((n, s) => n + s.reduce((a, b) => a + b, 0), 0)).toBe(1);
    const onlyInserts = must(await h.api.timeline.get({ session_id: bitflip, bucket_count: 5, filter: { types: ['Insert'] } }));
    expect(onlyInserts.counts.Update.every((c) => c === 0)).toBe(true);
  });

  it('groups transactions with their status', async () => {
    const t = must(await h.api.transactions.list({ session_id: basic, status: ['committed', 'rolled-back', 'incomplete', 'single-entry'] }));
    expect(t.counts.committed).toBe(3);
    expect(t.counts['rolled-back']).toBe(2);
    const grouped = t.items.filter((i) => i.has_begin);
    expect(grouped.length).toBe(5);
    for (const g of grouped) expect(g.entries).toBeGreaterThan(1);
    expect(t.items.filter((i) => i.status === 'single-entry').every((i) => i.entries === 1)).toBe(true);
    const defaults = must(await h.api.transactions.list({ session_id: basic }));
    expect(defaults.items.some((i) => i.status === 'single-entry')).toBe(false);
    const c = must(await h.api.transactions.list({ session_id: chain }));
    expect(c.items.some((i) => i.segments.length > 1)).toBe(true);
  });

  it('gives statistics', async () => {
    const s = must(await h.api.stats.get({ session_id: bitflip }));
    expect(s).toMatchObject({ rows: 31, entries: 30, damaged: 1, complete: true });
    expect(s.by_damage['crc-mismatch']).toBe(1);
    expect(Object.values(s.by_type).reduce((a, b) => a + b, 0)).toBe(30);
    expect(s.segments[0]).toMatchObject({ entries: 30, damaged: 1 });
    expect(s.entry_bytes.min).toBeLessThanOrEqual(s.entry_bytes.max);
    const c = must(await h.api.stats.get({ session_id: chain }));
    expect(c.segments.length).toBe(7);
    expect(c.collections).toBe(1);
  });
});
