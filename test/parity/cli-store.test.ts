import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectorApi, Outcome } from '../../core/contract/contract.js';
import { makeMultiCollectionStore, type MultiStore } from '../support/multi-collection-store.js';
import { cliJson, withoutPlanId } from './support/cli-parity.js';
import { normalise } from './support/scenario.js';
import { eventWaiter, openTransport, type Transport } from './support/transports.js';

/**
 * A store of several collections: each collection's part of `<command> <store root> --json` is
 * what the contract operation answers for a session of that collection (session.open with
 * `collection`), the service's additions (a row per listed entry, plan ids) aside.
 */
let service: Transport;
let s: MultiStore;
beforeAll(async () => {
  service = await openTransport('in-process');
  s = await makeMultiCollectionStore();
});
afterAll(async () => {
  await service.close();
  await s.cleanup();
});

type Part = Record<string, unknown> & { collection: string };

/** What the service adds: the row of each listed entry in its session. */
function withoutRows(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRows);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'row').map(([k, v]) => [k, withoutRows(v)]));
  return value;
}

async function inSession<T>(api: InspectorApi, collection: string, fn: (session_id: string) => Promise<Outcome<T>>): Promise<T> {
  const events = eventWaiter(api);
  try {
    const opened = await api.session.open({ path: s.root, collection });
    if (!opened.ok) throw new Error(`session.open ${collection}: ${opened.error.code} ${opened.error.message}`);
    const { session_id } = opened.value;
    await events.wait((e) => e.type === 'index.done' && e.session_id === session_id);
    try {
      const r = await fn(session_id);
      if (!r.ok) throw new Error(`${collection}: ${r.error.code} ${r.error.message}`);
      return r.value;
    } finally {
      await api.session.close({ session_id });
    }
  } finally {
    events.stop();
  }
}

async function parts(argv: string[]): Promise<Part[]> {
  const r = await cliJson([...argv, '--json']);
  expect(r.code, r.run.stderr).toBeLessThan(2);
  return (r.value as { collections: Part[] }).collections;
}

const without = (p: Part, ...keys: string[]) => Object.fromEntries(Object.entries(p).filter(([k]) => !keys.includes(k)));

describe('store-wide --json, collection by collection, equals the contract operations', () => {
  it('stats <root>: each part is stats.get of that collection', async () => {
    for (const part of await parts(['stats', s.root])) {
      const got = await inSession(service.api, part.collection, (session_id) => service.api.stats.get({ session_id }));
      expect(normalise(without(part, 'collection', 'wal_config'))).toEqual(normalise(got));
    }
  }, 60_000);

  it('verify <root>: each part is verify.run of that collection against its directory', async () => {
    for (const part of await parts(['verify', s.root])) {
      const got = await inSession(service.api, part.collection, (session_id) => service.api.verify.run({ session_id }));
      expect(normalise(without(part, 'collection'))).toEqual(normalise(withoutRows(got)));
    }
  }, 60_000);

  it('recover <root> --dry-run: each part is recovery.plan of that collection', async () => {
    for (const part of await parts(['recover', s.root, '--mode', 'safe', '--dry-run'])) {
      const got = await inSession(service.api, part.collection, (session_id) => service.api.recovery.plan({ session_id, mode: 'safe' }));
      expect(normalise(without(part, 'collection'))).toEqual(normalise(withoutRows(withoutPlanId({ ...got, collection: undefined }))));
    }
  }, 60_000);

  it('checkpoint <root> --compact --dry-run: each part is checkpoint.plan of that collection', async () => {
    for (const part of await parts(['checkpoint', s.root, '--compact', '--dry-run'])) {
      const got = await inSession(service.api, part.collection, (session_id) => service.api.checkpoint.plan({ session_id, compact: true }));
      expect(normalise(without(part, 'collection'))).toEqual(normalise(withoutPlanId(got)));
    }
  }, 60_000);
});
