import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectorApi, Outcome } from '../../core/contract/contract.js';
import { PARITY_LOGS, normalise } from './support/scenario.js';
import { TRANSPORTS, eventWaiter, openTransport, type Transport } from './support/transports.js';

/** transactions.page answers the same in process, over HTTP and over Electron IPC: sorts, filters, errors. */
const open: Transport[] = [];
beforeAll(async () => {
  for (const name of TRANSPORTS) open.push(await openTransport(name));
});
afterAll(async () => {
  for (const t of open) await t.close();
});

async function scenario(api: InspectorApi, log: string): Promise<Record<string, unknown>> {
  const events = eventWaiter(api);
  const t: Record<string, unknown> = {};
  let session = '\u0000';
  const record = (name: string, o: Outcome<unknown>) => { t[name] = normalise(JSON.parse(JSON.stringify(o).split(session).join('<session>'))); };
  try {
    const opened = await api.session.open({ path: log });
    if (!opened.ok) return { open: opened };
    const session_id = opened.value.session_id;
    session = session_id;
    await events.wait((e) => e.type === 'index.done' && e.session_id === session_id);
    // The exact list first (transactions.list compares ids by their bytes), so every page below is confirmed.
    record('list', await api.transactions.list({ session_id }));
    record('page', await api.transactions.page({ session_id, offset: 0, limit: 50 }));
    record('by size desc', await api.transactions.page({ session_id, offset: 1, limit: 20, sort: { key: 'size', direction: 'desc' } }));
    record('by time, committed', await api.transactions.page({ session_id, offset: 0, limit: 20, sort: { key: 'time' }, status: ['committed'] }));
    record('by status, prefix', await api.transactions.page({ session_id, offset: 0, limit: 20, sort: { key: 'status' }, id_prefix: 'a' }));
    record('bad limit', await api.transactions.page({ session_id, offset: 0, limit: 0 }));
    await api.session.close({ session_id });
    record('after close', await api.transactions.page({ session_id, offset: 0, limit: 1 }));
    return t;
  } finally {
    events.stop();
  }
}

describe('transactions.page on every transport', () => {
  for (const log of PARITY_LOGS) {
    it(`answers the same on ${path.basename(log)}`, async () => {
      const [reference, ...others] = await Promise.all(open.map((t) => scenario(t.api, log)));
      expect(reference!.page).toMatchObject({ ok: true, value: { ids_confirmed: true } });
      expect(reference!['bad limit']).toMatchObject({ ok: false });
      expect(reference!['after close']).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SESSION' } });
      for (const t of others) expect(t).toEqual(reference);
    }, 60_000);
  }
});
