import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectorApi, Outcome } from '../../core/contract/contract.js';
import { PARITY_LOGS, normalise } from './support/scenario.js';
import { TRANSPORTS, eventWaiter, openTransport, type Transport } from './support/transports.js';

/**
 * transactions.list / transactions.page with `where`: a transaction is listed when any of its
 * entries matches — the transaction ids of rows.page's matching entries — and the answers are
 * the same in process, over HTTP and over Electron IPC, errors included.
 */
const QUERIES = ['entry_type == "Insert"', 'entry_type in ["Update", "Delete"] && size > 0', 'has(data.name)', 'entry_type == "Nope"'];

const open: Transport[] = [];
beforeAll(async () => {
  for (const name of TRANSPORTS) open.push(await openTransport(name));
});
afterAll(async () => {
  for (const t of open) await t.close();
});

type Page = { ok: true; value: { items: { transaction_id: string }[]; total: number } };
type Rows = { ok: true; value: { rows: { kind: string; transaction_id: string }[] } };

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
    record('list', await api.transactions.list({ session_id, where: QUERIES[0] }));
    for (const where of QUERIES) {
      record(`page ${where}`, await api.transactions.page({ session_id, offset: 0, limit: 10_000, where }));
      record(`rows ${where}`, await api.rows.page({ session_id, offset: 0, limit: 10_000, filter: { where } }));
    }
    record('by size desc', await api.transactions.page({ session_id, offset: 0, limit: 5, sort: { key: 'size', direction: 'desc' }, where: QUERIES[0] }));
    record('bad where', await api.transactions.page({ session_id, offset: 0, limit: 5, where: 'entry_type == ' }));
    return t;
  } finally {
    events.stop();
  }
}

describe('transactions with where on every transport', () => {
  for (const log of PARITY_LOGS) {
    it(`answers the same on ${path.basename(log)}`, async () => {
      const [reference, ...others] = await Promise.all(open.map((t) => scenario(t.api, log)));
      for (const t of others) expect(t).toEqual(reference);
      expect(reference!['bad where']).toMatchObject({ ok: false, error: { code: 'INVALID_QUERY' } });
      let listedSome = false;
      for (const where of QUERIES) {
        const page = reference![`page ${where}`] as Page;
        const rows = reference![`rows ${where}`] as Rows;
        expect(page.ok, where).toBe(true);
        const expected = new Set(rows.value.rows.filter((r) => r.kind === 'entry').map((r) => r.transaction_id));
        const listed = page.value.items.map((i) => i.transaction_id);
        expect(new Set(listed), where).toEqual(expected);
        expect(page.value.total, where).toBe(listed.length);
        listedSome ||= listed.length > 0;
      }
      expect((reference!['page entry_type == "Nope"'] as Page).value.total).toBe(0);
      const list = reference!.list as { ok: true; value: { items: { transaction_id: string; status: string }[] } };
      const inserts = (reference!['page entry_type == "Insert"'] as { value: { items: { transaction_id: string; status: string }[] } }).value.items;
      expect(list.value.items).toEqual(inserts.filter((i) => i.status !== 'single-entry'));
      if (path.basename(log) === 'basic.wal') expect(listedSome).toBe(true);
    }, 60_000);
  }
});
