import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectorApi, Stats } from '../../core/contract/contract.js';
import { binaryBytes, entries, tempDir, writeFile } from '../core/inspector/support/inspector-fixtures.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';
import { PARITY_LOGS, PARITY_STORES, copyStore, normalise } from './support/scenario.js';
import { withSession } from './support/cli-parity.js';
import { openTransport, type Transport } from './support/transports.js';

/**
 * `stats --json` prints what stats.get answers for a session of the same path: one count over
 * the rows (query/log-stats.ts), one view. Only `index_ms` (this run's duration) differs.
 */
let service: Transport;
beforeAll(async () => {
  service = await openTransport('in-process');
});
afterAll(() => service.close());

async function statsGet(api: InspectorApi, log: string): Promise<Stats> {
  const r = await withSession(api, log, (session_id) => api.stats.get({ session_id }));
  if (!r.ok) throw new Error(`stats.get ${log}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

async function statsJson(log: string): Promise<{ code: number; stats: Stats }> {
  const r = await runCliCaptured(['stats', log, '--json']);
  expect(r.code, r.stderr).toBeLessThan(2);
  return { code: r.code, stats: JSON.parse(r.stdout) as Stats };
}

async function expectParity(log: string): Promise<Stats> {
  const fromService = await statsGet(service.api, log);
  const { code, stats } = await statsJson(log);
  expect(normalise(stats)).toEqual(normalise(fromService));
  expect(code).toBe(fromService.damaged > 0 ? 1 : 0);
  return stats;
}

describe('stats --json equals stats.get', () => {
  for (const log of PARITY_LOGS) {
    it(`on ${path.basename(log)}`, async () => {
      const s = await expectParity(log);
      expect(s.complete).toBe(true);
      expect(typeof s.index_ms).toBe('number');
    }, 60_000);
  }

  for (const name of PARITY_STORES) {
    it(`on the collection of recovery case ${name}`, async () => {
      await expectParity(copyStore(name));
    }, 60_000);
  }

  it('with times past 2^53 exact (decimal strings) and transactions told apart by Begin, Commit, Rollback', async () => {
    const far = 2n ** 53n + 1n;
    const file = writeFile(path.join(tempDir('parity-stats-'), 'transactions.wal'), binaryBytes(entries([
      { type: 'Begin', tx: 'a' }, { type: 'Insert', tx: 'a', ts: far }, { type: 'Commit', tx: 'a' },
      { type: 'Begin', tx: 'b' }, { type: 'Update', tx: 'b', doc: 'doc-1' }, { type: 'Rollback', tx: 'b' },
      { type: 'Begin', tx: 'c', ts: far + 2n }, { type: 'Delete', tx: 'd' }, { type: 'Insert', tx: 'e' },
    ])));
    const s = await expectParity(file);
    expect(s.last_time).toBe((far + 2n).toString());
    expect(s.segments[0]!.last_time).toBe((far + 2n).toString());
    expect(s.transactions).toEqual({ ids: 5, with_begin: 3, committed: 1, rolled_back: 1, never_terminated: 1, without_begin: 2, damaged: 0 });
  }, 60_000);
});
