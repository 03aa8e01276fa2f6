import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli-in-process.js';
import { makeMultiCollectionStore, STORE_COLLECTIONS, type MultiStore } from '../support/multi-collection-store.js';

/**
 * Every command on a store root of several collections (binary with rotated zstd segments,
 * JSON Lines, an empty log, a damaged one, the system collection .keys): each collection's part
 * is exactly what the command prints for that collection alone; the totals are the sums.
 */
let s: MultiStore;
beforeAll(async () => {
  s = await makeMultiCollectionStore();
});
afterAll(() => s.cleanup());

type Json = Record<string, unknown> & { collections: (Record<string, unknown> & { collection: string })[] };

async function json(argv: string[]): Promise<{ code: number; value: Json }> {
  const r = await runCliCaptured([...argv, '--json']);
  expect(r.code, r.stderr).toBeLessThan(2);
  return { code: r.code, value: JSON.parse(r.stdout) as Json };
}

function without(value: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}

/** A seal's rotated name is the second it is made in. */
const sealNames = (v: unknown) => JSON.parse(JSON.stringify(v).replace(/transactions\.\d+(-\d+)?\.wal/g, 'transactions.<secs>.wal')) as unknown;

const total = (c: Json['collections'], key: string) => c.reduce((n, x) => n + (x[key] as number), 0);

describe('store-wide commands on a store root', () => {
  it('stats: one part per collection (system ones too), each equal to stats of that collection alone; totals are sums', async () => {
    const store = await json(['stats', s.root]);
    expect(store.value.collections.map((c) => c.collection)).toEqual([...STORE_COLLECTIONS]);
    for (const part of store.value.collections) {
      const alone = await json(['stats', s.collectionDir(part.collection)]);
      expect(without(part, 'collection', 'wal_config', 'index_ms')).toEqual(without(alone.value, 'index_ms'));
    }
    const c = store.value.collections;
    expect(store.value).toMatchObject({ entries: total(c, 'entries'), rows: total(c, 'rows'), damaged: 1, documents: total(c, 'documents') });
    expect(store.value['entries']).toBe(1 + 9 + 3 + 0 + 6);
    expect(store.code).toBe(1); // orders is damaged
    const events = c.find((x) => x.collection === 'events')!;
    expect(events['wal_config']).toMatchObject({ format: 'jsonl', compression: 'lz4', write_mode: 'warn', source: 'file' });
    expect(c.find((x) => x.collection === 'orders')!['wal_config']).toMatchObject({ source: 'defaults', write_mode: 'strict' });
  }, 60_000);

  it('--collection (repeatable) picks collections; an unknown one is an error naming the collections', async () => {
    const picked = await json(['stats', s.root, '--collection', 'orders', '--collection', 'accounts']);
    expect(picked.value.collections.map((c) => c.collection)).toEqual(['accounts', 'orders']);
    const bad = await runCliCaptured(['stats', s.root, '--collection', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no collection "nope" in data\/ \(collections: \.keys, accounts, events, logs, orders\)/);
    const notStore = await runCliCaptured(['stats', s.collectionDir('orders'), '--collection', 'orders']);
    expect([notStore.code, notStore.stderr]).toEqual([2, expect.stringMatching(/--collection picks collections of a store root/)]);
  }, 60_000);

  it('verify: each collection against its own documents, equal to verify of it alone; passed only when all passed', async () => {
    const store = await json(['verify', s.root]);
    for (const part of store.value.collections) {
      const alone = await json(['verify', s.collectionDir(part.collection)]);
      expect(without(part, 'collection')).toEqual(alone.value);
    }
    const c = store.value.collections;
    expect(store.value).toMatchObject({
      passed: false, entries_processed: total(c, 'entries_processed'), affected_documents: total(c, 'affected_documents'),
      failed_collections: c.filter((x) => !x['passed']).length,
    });
    expect(store.code).toBe(1);
    const kinds = (name: string) => ((c.find((x) => x.collection === name)!['findings']) as { kind: string; description: string }[]);
    expect(kinds('accounts').filter((f) => f.kind === 'document-changed').map((f) => f.description)).toEqual([expect.stringMatching(/^Document acc-5 changed outside Sentinel/)]);
    expect(kinds('events').find((f) => f.kind === 'unknown-documents')!.description).toMatch(/write mode is warn/);
    expect(kinds('logs').find((f) => f.kind === 'unknown-documents')!.description).toMatch(/write mode is disabled/);
    expect(kinds('orders').filter((f) => f.kind === 'deleted-copy-kept').map((f) => f.description)).toEqual([expect.stringContaining('.deleted/o-3.json')]);
  }, 60_000);

  it('verify human output: a section per collection and a total line', async () => {
    const r = await runCliCaptured(['verify', s.root]);
    expect(r.stdout.match(/^== collection .+ ==$/gm)).toEqual(STORE_COLLECTIONS.map((n) => `== collection ${n} ==`));
    expect(r.stdout).toMatch(/\ntotal over 5 collections: verification FAILED in \d collections?, 19 entries processed/);
  }, 60_000);

  it('recover --dry-run: each collection from its own chain into its own directory (no --store), .keys only when named', async () => {
    const store = await json(['recover', s.root, '--mode', 'safe', '--dry-run']);
    expect(store.value.collections.map((c) => c.collection)).toEqual(['accounts', 'events', 'logs', 'orders']);
    expect(store.value['skipped_collections']).toEqual([{ collection: '.keys', reason: expect.stringMatching(/system collection/) }]);
    for (const part of store.value.collections) {
      const alone = await json(['recover', s.collectionDir(part.collection), '--mode', 'safe', '--dry-run']);
      expect(without(part, 'collection')).toEqual(without(alone.value, 'collection'));
      expect(part['store']).toBe(s.collectionDir(part.collection));
    }
    const c = store.value.collections;
    expect(store.value).toMatchObject({
      recovered_operations: total(c, 'recovered_operations'), skipped_operations: total(c, 'skipped_operations'),
      failed_operations: total(c, 'failed_operations'), document_changes: c.reduce((n, x) => n + (x['changes'] as unknown[]).length, 0), dry_run: true,
    });
    expect(store.code).toBe(1); // the damaged range of orders is a failed entry
    const keys = await json(['recover', s.root, '--mode', 'safe', '--dry-run', '--collection', '.keys']);
    expect(keys.value.collections.map((x) => x.collection)).toEqual(['.keys']);
  }, 60_000);

  it('checkpoint --compact --dry-run: each collection previewed as alone, refusals counted; plain checkpoint syncs each', async () => {
    const store = await json(['checkpoint', s.root, '--compact', '--dry-run']);
    expect(store.value.collections.map((c) => c.collection)).toEqual(['accounts', 'events', 'logs', 'orders']);
    for (const part of store.value.collections) {
      const alone = await json(['checkpoint', s.collectionDir(part.collection), '--compact', '--dry-run']);
      expect(sealNames(without(part, 'collection'))).toEqual(sealNames(alone.value));
    }
    const c = store.value.collections;
    expect(store.value).toMatchObject({
      compact: true, refused_collections: c.filter((x) => x['refused'] !== null).length,
      entries_processed: total(c, 'entries_processed'), critical_issues: total(c, 'critical_issues'),
    });
    expect(store.value['refused_collections']).toBeGreaterThan(0); // orders is damaged: verification fails
    expect(store.code).toBe(1);
    const plain = await json(['checkpoint', s.root]);
    for (const part of plain.value.collections) {
      const alone = await json(['checkpoint', s.collectionDir(part.collection)]);
      expect(without(part, 'collection')).toEqual(alone.value);
    }
    expect(plain.value).toMatchObject({ sealed: 0, removed: 0, synced: plain.value.collections.every((x) => x['synced']) });
  }, 60_000);

  it('dump: the store as one log in time order (ties: collection name, then position), each line saying its collection', async () => {
    const r = await runCliCaptured(['dump', s.root, '--format', 'jsonl']);
    expect(r.code).toBe(1); // orders' damaged range
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { store_collection: string; kind: string; timestamp?: string });
    expect(Object.keys(lines[0]!)[0]).toBe('store_collection');
    // Each collection's lines, in their order, are exactly `dump` of that collection alone.
    for (const name of STORE_COLLECTIONS) {
      const alone = await runCliCaptured(['dump', s.collectionDir(name), '--format', 'jsonl']);
      const mine = lines.filter((l) => l.store_collection === name).map(({ store_collection: _, ...rest }) => rest);
      expect(mine).toEqual(alone.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)));
    }
    // Entries in time order; at equal times, collections by name.
    const key = (l: { store_collection: string; timestamp?: string }, prev: bigint) => [l.timestamp === undefined ? prev : BigInt(l.timestamp), l.store_collection] as const;
    let prev = -1n;
    let last: readonly [bigint, string] = [-1n, ''];
    for (const l of lines) {
      const k = key(l, prev);
      expect(k[0] > last[0] || (k[0] === last[0] && k[1] >= last[1]), JSON.stringify(l)).toBe(true);
      last = k;
      prev = k[0];
    }
  }, 60_000);

  it('dump filters work across collections; --collection picks them', async () => {
    const deletes = await runCliCaptured(['dump', s.root, '--format', 'jsonl', '--type', 'Delete']);
    const rows = deletes.stdout.trim().split('\n').map((l) => JSON.parse(l) as { store_collection: string; kind: string; document_id?: string });
    expect(rows.filter((x) => x.kind === 'entry').map((x) => [x.store_collection, x.document_id])).toEqual([['orders', 'o-3'], ['events', 'ev-1']]);
    const picked = await runCliCaptured(['dump', s.root, '--format', 'jsonl', '--collection', 'events', '--collection', 'logs']);
    expect(new Set(picked.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { store_collection: string }).store_collection))).toEqual(new Set(['events']));
    expect(picked.code).toBe(0);
    const table = await runCliCaptured(['dump', s.root, '--limit', '2']);
    expect(table.stdout.split('\n')[0]).toMatch(/^IN COLLECTION {3}SEGMENT/);
    expect(table.stdout.split('\n')[1]).toMatch(/^\.keys {11}transactions\.wal/);
  }, 60_000);

  it('stats of one collection shows its .metadata.json WAL configuration first (human output)', async () => {
    const r = await runCliCaptured(['stats', s.collectionDir('events')]);
    expect(r.stdout.split('\n')[0]).toBe('WAL configuration (.metadata.json): JSON Lines, rotated segments lz4, rotate at 10485760 bytes or 1000 records; ' +
      'write mode warn, verification mode warn, auto-verify off, recovery on');
    const orders = await runCliCaptured(['stats', s.collectionDir('orders')]);
    expect(orders.stdout.split('\n')[0]).toMatch(/^WAL configuration \(Sentinel's defaults: no \.metadata\.json, or no wal_config in it\): binary, rotated segments zstd/);
  }, 60_000);
});
