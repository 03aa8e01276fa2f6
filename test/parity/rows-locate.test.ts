import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectorApi, Row } from '../../core/contract/contract.js';
import { GOLDEN } from '../support/paths.js';
import { normalise } from './support/scenario.js';
import { TRANSPORTS, eventWaiter, openTransport, type Transport } from './support/transports.js';

/**
 * rows.locate (the Go-to box) over every transport: the same answer in process, over HTTP and
 * over IPC, and the answer is the row rows.page shows at that place.
 */
const open: Transport[] = [];
beforeAll(async () => {
  for (const name of TRANSPORTS) open.push(await openTransport(name));
});
afterAll(async () => {
  for (const t of open) await t.close();
});

async function withLog<T>(api: InspectorApi, log: string, body: (session_id: string, rows: readonly Row[]) => Promise<T>): Promise<T> {
  const events = eventWaiter(api);
  try {
    const opened = await api.session.open({ path: log });
    if (!opened.ok) throw new Error(opened.error.message);
    const session_id = opened.value.session_id;
    await events.wait((e) => e.type === 'index.done' && e.session_id === session_id);
    const page = await api.rows.page({ session_id, offset: 0, limit: 10_000 });
    if (!page.ok) throw new Error(page.error.message);
    try {
      return await body(session_id, page.value.rows);
    } finally {
      await api.session.close({ session_id });
    }
  } finally {
    events.stop();
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Every kind of query, answered by one transport; the checks on each answer run on the in-process one. */
async function scenario(api: InspectorApi, check: boolean): Promise<Record<string, unknown>> {
  return withLog(api, path.join(GOLDEN, 'chain'), async (session_id, rows) => {
    const out: Record<string, unknown> = {};
    const locate = async (name: string, query: string, extra: object = {}) => {
      const o = await api.rows.locate({ session_id, query, ...extra });
      out[name] = normalise(o);
      return o;
    };
    const entries = rows.filter((r) => r.kind === 'entry');
    const mid = entries[Math.floor(entries.length / 2)]!;
    const last = rows.at(-1)!;
    const segments = new Set(rows.map((r) => r.segment));
    if (check) expect(segments.size).toBeGreaterThan(1);

    const byRow = await locate('row', String(mid.row));
    const byComma = await locate('row with separators', `#${mid.row.toLocaleString('en-US')}`);
    const byPos = await locate('segment:offset as shown', `${last.segment_index}:0x${last.offset.toString(16).padStart(6, '0')}`);
    const byName = await locate('name:offset', `${mid.segment}:${mid.offset}`);
    const inside = await locate('offset inside an entry', `${mid.segment_index}:${mid.offset + 3}`);
    const bare = await locate('bare offset', `@${last.offset}`);
    const byIso = await locate('ISO time', iso(mid.time!));
    const between = await locate('time between entries', iso(mid.time! + 1));
    const wallTokyo = new Date(mid.time! + 9 * 3_600_000).toISOString().replace('T', ' ').replace('Z', '');
    const byLocal = await locate('local time in a zone', wallTokyo, { time_zone: 'Asia/Tokyo' });
    const byTx = await locate('transaction id', mid.transaction_id);
    const byDoc = await locate('document id', `doc:${mid.document_id}`);
    const docDesc = await locate('document id, newest first', `doc:${mid.document_id}`, { sort: { key: 'file', direction: 'desc' } });
    const txFiltered = await locate('transaction id in a filtered view', `tx:${mid.transaction_id}`, { filter: { types: [mid.entry_type!] } });
    const filtered = await locate('in a filtered view', String(mid.row), { filter: { types: [mid.entry_type!] } });
    const hidden = await locate('hidden by the filter', String(mid.row), { filter: { types: [mid.entry_type === 'Begin' ? 'Commit' : 'Begin'] } });
    const sorted = await locate('in a sorted view', String(mid.row), { sort: { key: 'file', direction: 'desc' } });
    const errors = {
      past: await locate('past the end', String(rows.length)),
      segment: await locate('no such segment', '99:0x10'),
      offset: await locate('offset past the end', `0:${10 ** 9}`),
      id: await locate('unknown id', 'no-such-id-anywhere'),
      empty: await locate('empty', '  '),
      date: await locate('impossible date', '2024-02-31T10:00:00Z'),
      short: await locate('a shortened id', 'abcdef…wxyz'),
    };
    if (check) {
      expect(byRow).toMatchObject({ ok: true, value: { kind: 'row', row: mid.row, index: mid.row, exact: true } });
      expect(byComma).toMatchObject({ ok: true, value: { row: mid.row } });
      expect(byPos).toMatchObject({ ok: true, value: { kind: 'offset', row: last.row, exact: true } });
      expect(byName).toMatchObject({ ok: true, value: { kind: 'offset', row: mid.row, exact: true } });
      expect(inside).toMatchObject({ ok: true, value: { kind: 'offset', row: mid.row, exact: false } });
      // A bare offset is looked for in every segment: found when one segment holds that byte, refused when several do.
      const holding = new Set(rows.filter((r) => r.offset <= last.offset && last.offset < r.offset + r.length).map((r) => r.segment));
      expect(bare.ok).toBe(holding.size === 1);
      if (!bare.ok) expect(bare.error.message).toContain('several segments');
      if (!byIso.ok) throw new Error(byIso.error.message);
      expect(rows[byIso.value.row]!.time).toBe(mid.time);
      expect(byIso.value).toMatchObject({ kind: 'time', exact: true });
      if (!between.ok) throw new Error(between.error.message);
      expect(Math.abs(rows[between.value.row]!.time! - (mid.time! + 1))).toBeLessThanOrEqual(
        Math.min(...entries.map((r) => Math.abs(r.time! - (mid.time! + 1)))),
      );
      if (!byLocal.ok) throw new Error(byLocal.error.message);
      expect(rows[byLocal.value.row]!.time).toBe(mid.time);
      const firstOfTx = rows.find((r) => r.transaction_id === mid.transaction_id)!;
      expect(byTx).toMatchObject({ ok: true, value: { kind: 'transaction', row: firstOfTx.row } });
      const firstOfDoc = rows.find((r) => r.kind === 'entry' && r.document_id === mid.document_id)!;
      expect(byDoc).toMatchObject({ ok: true, value: { kind: 'document', row: firstOfDoc.row } });
      const lastOfDoc = [...rows].reverse().find((r) => r.kind === 'entry' && r.document_id === mid.document_id)!;
      expect(docDesc).toMatchObject({ ok: true, value: { kind: 'document', row: lastOfDoc.row, index: rows.length - 1 - lastOfDoc.row } });
      const firstOfTxType = rows.find((r) => r.transaction_id === mid.transaction_id && r.entry_type === mid.entry_type)!;
      expect(txFiltered).toMatchObject({ ok: true, value: { kind: 'transaction', row: firstOfTxType.row } });
      const sameType = rows.filter((r) => r.kind === 'entry' && r.entry_type === mid.entry_type);
      expect(filtered).toMatchObject({ ok: true, value: { row: mid.row, index: sameType.findIndex((r) => r.row === mid.row) } });
      expect(hidden).toMatchObject({ ok: true, value: { row: mid.row, index: null } });
      expect(sorted).toMatchObject({ ok: true, value: { row: mid.row, index: rows.length - 1 - mid.row } });
      for (const [what, o] of Object.entries(errors)) {
        expect(o.ok, what).toBe(false);
        if (!o.ok) {
          expect(o.error.code, what).toBe('NOT_LOCATED');
          expect(o.error.message.length, what).toBeGreaterThan(10);
        }
      }
      expect(errors.past.ok ? '' : errors.past.error.message).toContain(`${rows.length.toLocaleString('en-US')} rows`);
      expect(errors.segment.ok ? '' : errors.segment.error.message).toContain('no segment 99');
    }
    return out;
  });
}

describe('rows.locate', () => {
  it('finds each kind of place, and says why not, the same over every transport', async () => {
    const reference = await scenario(open[0]!.api, true);
    const others: Record<string, unknown>[] = [];
    for (const t of open.slice(1)) others.push(await scenario(t.api, false));
    expect(Object.keys(reference).length).toBeGreaterThan(20);
    for (const other of others) expect(other).toEqual(reference);
  }, 60_000);
});
