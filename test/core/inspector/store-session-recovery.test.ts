import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeMultiCollectionStore, type MultiStore } from '../../support/multi-collection-store.js';
import { harness, must } from './support/inspector-fixtures.js';

/** What the service adds to a report: each listed entry's row in its session; and the plan handle. */
function withoutRows(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRows);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'row' && k !== 'plan_id').map(([k, v]) => [k, withoutRows(v)]));
  return value;
}

let planDir: string;
const h = harness({ planFileOver: 0, planDir: (planDir = path.join(os.tmpdir(), `store-plans-${process.pid}-${Date.now()}`)) });
let store: MultiStore;
beforeEach(async () => {
  store = await makeMultiCollectionStore();
});
afterEach(() => store.cleanup());
afterAll(async () => {
  await h.service.close();
  await fs.rm(planDir, { recursive: true, force: true });
});

/** A sealed segment is named after the second it is sealed in. */
const sealNames = (v: unknown) => JSON.parse(JSON.stringify(v).replace(/transactions\.\d+\.wal/g, 'transactions.<secs>.wal')) as unknown;

const planFiles = async () => (await fs.readdir(planDir).catch(() => [])).length;

describe('store.plan_recovery / store.apply_recovery on a store session', () => {
  it('plans a section per collection equal to planning that collection alone (system ones left out, saying so), totals their sums', async () => {
    const info = await h.open(store.root);
    const r = must(await h.api.store.plan_recovery({ session_id: info.session_id, mode: 'safe' }));
    expect(r.collections.map((c) => c.collection)).toEqual(['accounts', 'events', 'logs', 'orders']);
    expect(r.skipped_collections.map((c) => c.collection)).toEqual(['.keys']);
    for (const part of r.collections) {
      const alone = await h.open(store.collectionDir(part.collection));
      // A collection's recovery report names its collection already: the part is that report.
      expect(withoutRows(part)).toEqual(withoutRows(must(await h.api.recovery.plan({ session_id: alone.session_id, mode: 'safe' }))));
    }
    const sum = (f: (c: (typeof r.collections)[number]) => number) => r.collections.reduce((n, c) => n + f(c), 0);
    expect(r.recovered_operations).toBe(sum((c) => c.recovered_operations));
    expect(r.document_changes).toBe(sum((c) => c.changes.length));
    expect(r.document_changes).toBeGreaterThan(0);
    // A listed entry's row is its own collection's row in the merged log.
    const orders = r.collections.find((c) => c.collection === 'orders')!;
    const lost = orders.lost[0] as { segment: string; offset: number; row?: number } | undefined;
    expect(lost?.row).toBeTypeOf('number');
    const page = must(await h.api.rows.page({ session_id: info.session_id, offset: lost!.row!, limit: 1, sort: { key: 'file' } }));
    expect([page.rows[0]?.segment, page.rows[0]?.offset]).toEqual([`orders/${lost!.segment}`, lost!.offset]);
  });

  it('applies the ticked collections only, each into its own directory; planning again finds nothing to do; a spent or replaced plan is UNKNOWN_PLAN', async () => {
    const info = await h.open(store.root);
    const first = must(await h.api.store.plan_recovery({ session_id: info.session_id, mode: 'safe', collections: ['orders'] }));
    const plan = must(await h.api.store.plan_recovery({ session_id: info.session_id, mode: 'safe', collections: ['orders', 'accounts'] }));
    const replaced = await h.api.store.apply_recovery({ session_id: info.session_id, plan_id: first.plan_id });
    expect(replaced.ok ? null : replaced.error.code).toBe('UNKNOWN_PLAN');
    expect(plan.collections.map((c) => c.collection)).toEqual(['accounts', 'orders']);
    const before = await fs.readdir(store.collectionDir('events'));
    const done = must(await h.api.store.apply_recovery({ session_id: info.session_id, plan_id: plan.plan_id }));
    expect(done.collections.map((c) => [c.collection, c.applied])).toEqual(plan.collections.map((c) => [c.collection, c.changes.length]));
    expect(done.applied).toBe(plan.document_changes);
    expect(await fs.readdir(store.collectionDir('events'))).toEqual(before);
    await expect(fs.stat(path.join(store.collectionDir('orders'), 'o-4.json'))).resolves.toBeTruthy();
    const again = await h.api.store.apply_recovery({ session_id: info.session_id, plan_id: plan.plan_id });
    expect(again.ok ? null : again.error.code).toBe('UNKNOWN_PLAN');
    const rerun = must(await h.api.store.plan_recovery({ session_id: info.session_id, mode: 'safe', collections: ['orders', 'accounts'] }));
    expect(rerun.document_changes).toBe(0);
  });

  it('keeps each large part in a file of its own, removed when the session closes; a collection session is NOT_AVAILABLE', async () => {
    const info = await h.open(store.root);
    const files = await planFiles();
    must(await h.api.store.plan_recovery({ session_id: info.session_id, mode: 'force' }));
    expect(await planFiles()).toBeGreaterThan(files);
    must(await h.api.session.close({ session_id: info.session_id }));
    expect(await planFiles()).toBe(files);
    const one = await h.open(store.collectionDir('orders'));
    const refused = await h.api.store.plan_recovery({ session_id: one.session_id, mode: 'safe' });
    expect(refused.ok ? null : refused.error.code).toBe('NOT_AVAILABLE');
  });
});

describe('store.plan_checkpoint / store.apply_checkpoint on a store session', () => {
  it('previews each collection as checkpoint.plan of it alone; applies those not refused', async () => {
    const info = await h.open(store.root);
    const r = must(await h.api.store.plan_checkpoint({ session_id: info.session_id, compact: true }));
    expect(r.collections.map((c) => c.collection)).toEqual(['accounts', 'events', 'logs', 'orders']);
    for (const part of r.collections) {
      const alone = await h.open(store.collectionDir(part.collection));
      const { collection, ...rest } = part;
      const got = must(await h.api.checkpoint.plan({ session_id: alone.session_id, compact: true }));
      expect([collection, sealNames(withoutRows(rest))]).toEqual([part.collection, sealNames(withoutRows(got))]);
    }
    expect(r.refused_collections).toBe(r.collections.filter((c) => c.refused).length);
    const done = must(await h.api.store.apply_checkpoint({ session_id: info.session_id, plan_id: r.plan_id }));
    expect(done.collections.map((c) => c.collection)).toEqual(r.collections.filter((c) => !c.refused).map((c) => c.collection));
    const spent = await h.api.store.apply_checkpoint({ session_id: info.session_id, plan_id: r.plan_id });
    expect(spent.ok ? null : spent.error.code).toBe('UNKNOWN_PLAN');
  });
});
