import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli-in-process.js';
import { PARITY_LOGS, normalise } from './support/scenario.js';
import { TRANSPORTS, openTransport, type Transport } from './support/transports.js';
import { withSession } from './support/cli-parity.js';

/**
 * rows.page (and timeline.get, query.fields) with `where`: the same answers in process, over
 * HTTP and over Electron IPC, errors included; and `dump --where` prints the entries rows.page
 * lists, in the same order.
 */
const QUERIES = [
  'entry_type in ["Insert", "Update"] && has(data.name)',
  'size > 100 && !damaged',
  'damaged',
  'data.age >= 30 || data.name.startsWith("A")',
  'entry_type == ',
];

const open: Transport[] = [];
beforeAll(async () => {
  for (const name of TRANSPORTS) open.push(await openTransport(name));
});
afterAll(async () => {
  for (const t of open) await t.close();
});

async function transcript(t: Transport, log: string): Promise<Record<string, unknown>> {
  return withSession(t.api, log, async (session_id) => {
    const out: Record<string, unknown> = {};
    for (const where of QUERIES) {
      out[where] = normalise(await t.api.rows.page({ session_id, offset: 0, limit: 10_000, filter: { where } }));
      out[`timeline ${where}`] = normalise(await t.api.timeline.get({ session_id, bucket_count: 4, filter: { where } }));
    }
    out['query.fields'] = normalise(await t.api.query.fields({ session_id }));
    return out;
  });
}

describe('where across transports and the CLI', () => {
  for (const log of PARITY_LOGS) {
    it(`on ${path.basename(log)}`, async () => {
      const [reference, ...others] = await Promise.all(open.map((t) => transcript(t, log)));
      for (const t of others) expect(t).toEqual(reference);
      expect(reference!['entry_type == ']).toMatchObject({ ok: false, error: { code: 'INVALID_QUERY' } });
      for (const where of QUERIES.slice(0, -1)) {
        const page = reference![where] as { ok: true; value: { rows: { kind: string; offset: number; segment: string }[]; scanned: number; total_unfiltered: number } };
        expect(page.ok, where).toBe(true);
        expect(page.value.scanned).toBe(page.value.total_unfiltered);
        const r = await runCliCaptured(['dump', log, '--format', 'jsonl', '--where', where]);
        const printed = r.stdout.trim() === '' ? [] : r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; offset: number });
        // dump prints every damaged range whatever the filters; the entries are rows.page's.
        expect(printed.filter((x) => x.kind === 'entry').map((x) => x.offset), where)
          .toEqual(page.value.rows.filter((x) => x.kind === 'entry').map((x) => x.offset));
      }
    }, 60_000);
  }
});
