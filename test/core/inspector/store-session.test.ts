import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row, SessionInfo } from '../../../core/contract/contract.js';
import { makeMultiCollectionStore, STORE_COLLECTIONS, type MultiStore } from '../../support/multi-collection-store.js';
import { harness, must } from './support/inspector-fixtures.js';

const h = harness();
let store: MultiStore;
beforeAll(async () => {
  store = await makeMultiCollectionStore();
});
afterAll(async () => {
  await h.service.close();
  await store.cleanup();
});

async function openStore(collections?: string[]): Promise<SessionInfo> {
  const r = must(await h.api.session.open({ path: store.root, ...(collections ? { collections } : {}) }));
  await h.waitFor((e) => e.type === 'index.done' && e.session_id === r.session_id);
  return must(await h.api.session.info({ session_id: r.session_id }));
}

async function allRows(id: string, sort?: { key: 'file' | 'time'; direction: 'asc' | 'desc' }): Promise<readonly Row[]> {
  return must(await h.api.rows.page({ session_id: id, offset: 0, limit: 10_000, ...(sort ? { sort } : {}) })).rows;
}

// What a row is, apart from where the session put it (row number, segment index).
const what = (r: Row, collection: string) => ({
  collection, kind: r.kind, type: r.entry_type, doc: r.document_id, tx: r.transaction_id, time: r.time, offset: r.offset, length: r.length, damage: r.damage,
});

describe('session.open on a store root of several collections', () => {
  it('opens a store session: every collection, its segments named <collection>/<segment>', async () => {
    const info = await openStore();
    expect(info.store?.collections.map((c) => c.collection)).toEqual([...STORE_COLLECTIONS]);
    expect(info.store?.root).toBe(store.root);
    expect(info.segments.every((s) => STORE_COLLECTIONS.some((c) => s.name.startsWith(`${c}/`)))).toBe(true);
    expect(info.collection).toBeNull();
  });

  it('its rows are the merge of each collection alone: time order, ties by collection name then position', async () => {
    const info = await openStore();
    const merged: ReturnType<typeof what>[] = [];
    for (const c of STORE_COLLECTIONS) {
      const alone = await h.open(store.collectionDir(c));
      merged.push(...(await allRows(alone.session_id)).map((r) => what(r, c)));
    }
    // A stable sort of the collections' rows (already in name, position order) by time; damage without a time first.
    const key = (t: number | null) => (t === null ? -Infinity : t);
    const expected = merged.map((r, i) => ({ r, i })).sort((a, b) => key(a.r.time) - key(b.r.time) || a.i - b.i).map((x) => x.r);
    const rows = await allRows(info.session_id);
    const ofRow = (r: Row) => info.segments[r.segment_index]!.name.split('/')[0]!;
    expect(rows.map((r) => what(r, ofRow(r)))).toEqual(expected);
    expect(rows.length).toBe(info.progress.rows);
    // Not file order: the collections' times interleave.
    expect(rows.map((r) => r.row)).not.toEqual(rows.map((_, i) => i));
  });

  it('a row\'s detail and bytes are read from its own collection\'s segment', async () => {
    const info = await openStore();
    for (const r of (await allRows(info.session_id)).filter((x) => x.kind === 'entry')) {
      const d = must(await h.api.entry.get({ session_id: info.session_id, row: r.row }));
      expect(d.row.document_id).toBe(r.document_id);
      expect(d.row.collection).toBe(r.collection);
      expect(info.segments[r.segment_index]!.name.startsWith(`${r.collection}/`)).toBe(true);
    }
  });

  // Damaged ranges show whatever the filters, as in one collection's session.
  it('filters work across collections', async () => {
    const info = await openStore();
    const all = await allRows(info.session_id);
    const page = must(await h.api.rows.page({ session_id: info.session_id, offset: 0, limit: 10_000, filter: { types: ['Insert'] } }));
    expect(page.rows.map((r) => r.row)).toEqual(all.filter((r) => r.entry_type === 'Insert' || r.kind === 'damage').map((r) => r.row));
    expect(new Set(page.rows.map((r) => r.collection)).size).toBeGreaterThan(1);
  });

  it('lists each collection with what it holds alone: entries, damage, size, segments, last write, WAL configuration', async () => {
    const info = await openStore();
    for (const c of info.store!.collections) {
      const alone = await h.open(store.collectionDir(c.collection));
      expect([c.collection, c.entries, c.damaged, c.segments, c.file_bytes, c.last_write]).toEqual([
        c.collection, alone.progress.entries, alone.progress.damaged, alone.segments.length,
        alone.segments.reduce((n, s) => n + s.file_bytes, 0), alone.last_time,
      ]);
      expect(c.dir).toBe(store.collectionDir(c.collection));
    }
    const events = info.store!.collections.find((c) => c.collection === 'events')!;
    expect(events.wal_config).toMatchObject({ write_mode: 'warn', format: 'jsonl', source: 'file' });
    expect(info.store!.collections.reduce((n, c) => n + c.entries, 0)).toBe(info.progress.entries);
    expect(info.store!.collections.reduce((n, c) => n + c.damaged, 0)).toBe(info.progress.damaged);
  });

  it('collections picks some; a name that is not there is NOT_FOUND; a single collection still opens as before', async () => {
    const info = await openStore(['orders', 'accounts']);
    expect(info.store?.collections.map((c) => c.collection)).toEqual(['accounts', 'orders']);
    expect(new Set((await allRows(info.session_id)).map((r) => info.segments[r.segment_index]!.name.split('/')[0]))).toEqual(new Set(['accounts', 'orders']));
    const missing = await h.api.session.open({ path: store.root, collections: ['nope'] });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
    const one = await h.open(store.root, 'orders');
    expect(one.store).toBeUndefined();
    expect(one.collection).toBe('orders');
    const both = await h.api.session.open({ path: store.root, collection: 'orders', collections: ['orders'] });
    expect(both.ok ? null : both.error.code).toBe('INVALID_ARGUMENT');
    const notStore = await h.api.session.open({ path: path.join(store.collectionDir('orders')), collections: ['orders'] });
    expect(notStore.ok ? null : notStore.error.code).toBe('INVALID_ARGUMENT');
  });
});
