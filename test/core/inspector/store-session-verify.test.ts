import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** What verify.run adds to the report: each listed entry's row in its session. */
function withoutRows(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRows);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'row').map(([k, v]) => [k, withoutRows(v)]));
  return value;
}

describe('store.verify on a store session', () => {
  it('has a section per collection equal to verifying that collection alone, and totals that are their sums', async () => {
    const info = await h.open(store.root);
    const r = must(await h.api.store.verify({ session_id: info.session_id }));
    expect(r.collections.map((c) => c.collection)).toEqual([...STORE_COLLECTIONS]);
    for (const part of r.collections) {
      const alone = await h.open(store.collectionDir(part.collection));
      const { collection, ...rest } = part;
      expect([collection, withoutRows(rest)]).toEqual([part.collection, withoutRows(must(await h.api.verify.run({ session_id: alone.session_id })))]);
    }
    // Each listed entry's row is its own collection's row in the merged log (file order).
    const linked = r.collections.flatMap((c) => [...c.issues, ...c.findings].map((x) => ({ c: c.collection, x: x as { segment?: string; offset?: number; row?: number } })))
      .filter((l) => l.x.segment !== undefined && l.x.offset !== undefined);
    expect(linked.length).toBeGreaterThan(0);
    for (const { c, x } of linked) {
      expect(x.row, `${c} ${x.segment}:${x.offset}`).toBeTypeOf('number');
      const page = must(await h.api.rows.page({ session_id: info.session_id, offset: x.row!, limit: 1, sort: { key: 'file' } }));
      expect([page.rows[0]?.segment, page.rows[0]?.offset]).toEqual([`${c}/${x.segment}`, x.offset]);
    }
    const sum = (f: (c: (typeof r.collections)[number]) => number) => r.collections.reduce((n, c) => n + f(c), 0);
    expect(r.entries_processed).toBe(sum((c) => c.entries_processed));
    expect(r.issue_counts.critical).toBe(sum((c) => c.issue_counts.critical));
    expect(r.passed).toBe(r.collections.every((c) => c.passed));
    expect(r.failed_collections).toBe(r.collections.filter((c) => !c.passed).length);
  });

  it('collections picks some; one not in the session is NOT_FOUND; a single-collection session is NOT_AVAILABLE', async () => {
    const info = await h.open(store.root);
    const r = must(await h.api.store.verify({ session_id: info.session_id, collections: ['orders', 'events'] }));
    expect(r.collections.map((c) => c.collection)).toEqual(['events', 'orders']);
    const missing = await h.api.store.verify({ session_id: info.session_id, collections: ['nope'] });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
    const one = await h.open(store.root, 'orders');
    const refused = await h.api.store.verify({ session_id: one.session_id });
    expect(refused.ok ? null : refused.error.code).toBe('NOT_AVAILABLE');
  });
});
