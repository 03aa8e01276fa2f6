import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERIFY_LISTED, type InspectorApi, type VerifyReport } from '../../core/contract/contract.js';
import { binaryBytes, entries, tempDir, writeFile } from '../core/inspector/support/inspector-fixtures.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';
import { PARITY_LOGS, PARITY_STORES, copyStore, normalise } from './support/scenario.js';
import { withSession } from './support/cli-parity.js';
import { openTransport, type Transport } from './support/transports.js';

/**
 * `verify --json` prints what verify.run answers: the same use case, the same view. The
 * service adds `row` (a session's row number) to issues and findings; that is all it adds.
 */
let service: Transport;
beforeAll(async () => {
  service = await openTransport('in-process');
});
afterAll(() => service.close());

function withoutRows(r: VerifyReport): VerifyReport {
  const strip = <T extends { row?: number }>(items: readonly T[]) => items.map(({ row: _row, ...rest }) => rest);
  return { ...r, issues: strip(r.issues), findings: strip(r.findings) };
}

async function verifyRun(api: InspectorApi, log: string, store?: null): Promise<VerifyReport> {
  const r = await withSession(api, log, (session_id) => api.verify.run(store === null ? { session_id, store: null } : { session_id }));
  if (!r.ok) throw new Error(`verify.run ${log}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

async function verifyJson(argv: string[]): Promise<{ code: number; report: VerifyReport }> {
  const r = await runCliCaptured(['verify', ...argv, '--json']);
  expect(r.code, r.stderr).toBeLessThan(2);
  return { code: r.code, report: JSON.parse(r.stdout) as VerifyReport };
}

describe('verify --json equals verify.run', () => {
  for (const log of PARITY_LOGS) {
    it(`on ${path.basename(log)}, the log alone`, async () => {
      const fromService = await verifyRun(service.api, log, null);
      const { code, report } = await verifyJson([log]);
      expect(normalise(report)).toEqual(normalise(withoutRows(fromService)));
      expect(code).toBe(fromService.passed ? 0 : 1);
    }, 60_000);
  }

  for (const name of PARITY_STORES) {
    it(`on the store of recovery case ${name}`, async () => {
      const collection = copyStore(name);
      const fromService = await verifyRun(service.api, collection);
      expect(fromService.checked_against_store).toBe(true);
      const { code, report } = await verifyJson([collection, '--store', collection]);
      expect(normalise(report)).toEqual(normalise(withoutRows(fromService)));
      expect(code).toBe(fromService.passed ? 0 : 1);
    }, 60_000);
  }

  it('lists every issue where the operation lists the first VERIFY_LISTED: same counts, same first items', async () => {
    // Every Insert of one document after the first is a critical issue ("already exists").
    const file = writeFile(path.join(tempDir('parity-verify-'), 'transactions.wal'),
      binaryBytes(entries(Array.from({ length: VERIFY_LISTED + 6 }, () => ({ type: 'Insert' as const, doc: 'same' })))));
    const fromService = withoutRows(await verifyRun(service.api, file, null));
    const { report } = await verifyJson([file]);
    expect(fromService.issues).toHaveLength(VERIFY_LISTED);
    expect(report.issues).toHaveLength(VERIFY_LISTED + 5);
    expect(report.issue_counts).toEqual({ critical: VERIFY_LISTED + 5, warning: 0 });
    expect(normalise({ ...report, issues: report.issues.slice(0, VERIFY_LISTED) })).toEqual(normalise(fromService));
  }, 60_000);
});
