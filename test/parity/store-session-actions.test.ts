import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectorApi, Outcome } from '../../core/contract/contract.js';
import { makeMultiCollectionStore, type MultiStore } from '../support/multi-collection-store.js';
import { cliJson, withoutPlanId } from './support/cli-parity.js';
import { normalise } from './support/scenario.js';
import { eventWaiter, openTransport, type Transport } from './support/transports.js';

/**
 * A store session's store-wide operations answer what `<command> <store root> --json` prints
 * (the service's additions aside: a row per listed entry, the plan id), on the HTTP transport
 * (`serve`, which the app's browser mode uses) and in process.
 */
let s: MultiStore;
beforeAll(async () => {
  s = await makeMultiCollectionStore();
});
afterAll(() => s.cleanup());

/** What the service adds: the row of each listed entry in its session. */
function withoutRows(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRows);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'row').map(([k, v]) => [k, withoutRows(v)]));
  return value;
}

async function inStoreSession<T>(api: InspectorApi, fn: (session_id: string) => Promise<Outcome<T>>): Promise<T> {
  const events = eventWaiter(api);
  try {
    const opened = await api.session.open({ path: s.root });
    if (!opened.ok) throw new Error(`session.open: ${opened.error.code} ${opened.error.message}`);
    const { session_id } = opened.value;
    await events.wait((e) => e.type === 'index.done' && e.session_id === session_id);
    try {
      const r = await fn(session_id);
      if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
      return r.value;
    } finally {
      await api.session.close({ session_id });
    }
  } finally {
    events.stop();
  }
}

async function cli(argv: string[]): Promise<unknown> {
  const r = await cliJson([...argv, '--json']);
  expect(r.code, r.run.stderr).toBeLessThan(2);
  return r.value;
}

describe.each(['in-process', 'http'] as const)('a store session equals the CLI on the store root (%s)', (name) => {
  let t: Transport;
  beforeAll(async () => {
    t = await openTransport(name);
  });
  afterAll(() => t.close());

  it('store.verify = verify <root> --json', async () => {
    const got = await inStoreSession(t.api, (session_id) => t.api.store.verify({ session_id }));
    expect(normalise(withoutRows(got))).toEqual(normalise(await cli(['verify', s.root])));
  }, 60_000);

  it('store.plan_recovery = recover <root> --dry-run --json (safe; force committed-only; two collections named)', async () => {
    const safe = await inStoreSession(t.api, (session_id) => t.api.store.plan_recovery({ session_id, mode: 'safe' }));
    expect(normalise(withoutRows(withoutPlanId(safe)))).toEqual(normalise(await cli(['recover', s.root, '--mode', 'safe', '--dry-run'])));
    const force = await inStoreSession(t.api, (session_id) => t.api.store.plan_recovery({ session_id, mode: 'force', committed_only: true, collections: ['orders', 'events'] }));
    expect(normalise(withoutRows(withoutPlanId(force)))).toEqual(
      normalise(await cli(['recover', s.root, '--mode', 'force', '--committed-only', '--collection', 'orders', '--collection', 'events', '--dry-run'])),
    );
  }, 60_000);

  it('store.plan_checkpoint = checkpoint <root> --compact --dry-run --json', async () => {
    const got = await inStoreSession(t.api, (session_id) => t.api.store.plan_checkpoint({ session_id, compact: true, keep_segments: 1 }));
    expect(normalise(withoutPlanId(got))).toEqual(normalise(await cli(['checkpoint', s.root, '--compact', '--keep', '1', '--dry-run'])));
  }, 90_000);
});
