import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DumpRecord, Row, RowFilter } from '../../core/contract/contract.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';
import { PARITY_LOGS } from './support/scenario.js';
import { withSession } from './support/cli-parity.js';
import { openTransport, type Transport } from './support/transports.js';

/**
 * `dump`'s filters are the service's RowFilter: the same options select the same entries as
 * rows.page (damage aside: dump prints every damaged range whatever the filter), and a dump
 * record holds a row's fields under the same names and values.
 */
let service: Transport;
beforeAll(async () => {
  service = await openTransport('in-process');
});
afterAll(() => service.close());

async function dump(argv: string[]): Promise<DumpRecord[]> {
  const r = await runCliCaptured(['dump', ...argv, '--format', 'jsonl']);
  expect(r.code, r.stderr).toBeLessThan(2);
  return r.stdout.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as DumpRecord);
}

/** The fields a dump entry record and a row share. */
function entryFields(r: DumpRecord | Row) {
  if (r.kind !== 'entry') throw new Error('not an entry');
  const { segment, offset, length, entry_type, transaction_id, collection, document_id, timestamp } = r;
  const valid = 'row' in r ? r.id_utf8_valid : r.id_utf8_valid !== false;
  return { segment, offset, length, entry_type, transaction_id, collection, document_id, timestamp, id_utf8_valid: valid };
}

/** Filters built from the log's own values (the middle entry's), as RowFilter and as dump options. */
function filters(all: DumpRecord[]): { filter: RowFilter; argv: string[] }[] {
  const entries = all.filter((r) => r.kind === 'entry');
  const mid = entries[Math.floor(entries.length / 2)];
  if (!mid) return [];
  const ms = Number(mid.timestamp);
  // An id that is not UTF-8 shows as lossy text, which is not its bytes: it selects nothing in either.
  const lossy = entries.filter((r) => r.id_utf8_valid === false && /\ufffd/.test(r.document_id + r.transaction_id));
  return [
    ...lossy.flatMap((r) => [
      { filter: { document_id: r.document_id }, argv: ['--document', r.document_id] },
      { filter: { transaction_id: r.transaction_id }, argv: ['--txid', r.transaction_id] },
    ]),
    { filter: { types: ['Insert', 'Delete'] }, argv: ['--type', 'insert,DELETE'] },
    { filter: { collection: mid.collection }, argv: ['--collection', mid.collection] },
    { filter: { document_id: mid.document_id }, argv: ['--document', mid.document_id] },
    { filter: { document_id_prefix: mid.document_id.slice(0, 3) }, argv: ['--document', `${mid.document_id.slice(0, 3)}*`] },
    { filter: { transaction_id: mid.transaction_id }, argv: ['--txid', mid.transaction_id] },
    { filter: { time_from: ms }, argv: ['--since', String(ms)] },
    { filter: { time_to: ms, types: ['Begin', 'Commit'] }, argv: ['--until', String(ms), '--type', 'Begin,Commit'] },
  ];
}

describe('dump --format jsonl and rows.page: one filter vocabulary, one record shape', () => {
  for (const log of PARITY_LOGS) {
    it(`on ${path.basename(log)}`, async () => {
      const all = await dump([log]);
      await withSession(service.api, log, async (session_id) => {
        const page = async (filter: RowFilter) => {
          const r = await service.api.rows.page({ session_id, offset: 0, limit: 10_000, filter });
          if (!r.ok) throw new Error(r.error.message);
          return r.value.rows;
        };
        // Unfiltered: every record is a row, in file order, with the same fields.
        const rows = await page({});
        expect(all.map((r) => [r.kind, r.segment, r.offset, r.length])).toEqual(rows.map((r) => [r.kind, r.segment, r.offset, r.length]));
        expect(all.filter((r) => r.kind === 'entry').map(entryFields)).toEqual(rows.filter((r) => r.kind === 'entry').map(entryFields));
        const cases = filters(all);
        expect(cases.length).toBeGreaterThan(0);
        for (const { filter, argv } of cases) {
          const fromDump = (await dump([log, ...argv])).filter((r) => r.kind === 'entry').map(entryFields);
          const fromService = (await page({ ...filter, damage: 'exclude' })).map(entryFields);
          expect(fromDump, argv.join(' ')).toEqual(fromService);
        }
      });
    }, 60_000);
  }
});
