import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GOLDEN } from '../../support/paths.js';
import { harness, must, tempDir } from './support/inspector-fixtures.js';

const h = harness();
afterAll(() => h.service.close());
const CASES = fs.readdirSync(path.join(GOLDEN, 'recovery')).filter((n) => fs.existsSync(path.join(GOLDEN, 'recovery', n, 'expected.json')));

/** A copy of a golden case's store (the files there are never written). */
function copyStore(name: string): { store: string; collection: string } {
  const dest = path.join(tempDir(), 'store');
  fs.cpSync(path.join(GOLDEN, 'recovery', name, 'store'), dest, { recursive: true });
  const collection = fs.readdirSync(path.join(dest, 'data'))[0]!;
  return { store: dest, collection: path.join(dest, 'data', collection) };
}

function liveDocuments(dir: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('.'))) {
    out[n.slice(0, -5)] = (JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as { data: unknown }).data;
  }
  return out;
}

const bySet = <T>(a: readonly T[]) => [...a].map((x) => JSON.stringify(x)).sort();

describe.each(CASES)('verify and recovery through the service: %s', (name) => {
  const expected = JSON.parse(fs.readFileSync(path.join(GOLDEN, 'recovery', name, 'expected.json'), 'utf8'));

  it('verify.run gives the original verdict, with rows for issues that point at entries', async () => {
    const { collection } = copyStore(name);
    const info = await h.open(collection);
    const r = must(await h.api.verify.run({ session_id: info.session_id, job_id: `v-${name}` }));
    expect({ passed: r.passed, entries_processed: r.entries_processed, affected_documents: r.affected_documents }).toEqual({
      passed: expected.verify.passed, entries_processed: expected.verify.entries_processed, affected_documents: expected.verify.affected_documents,
    });
    const strip = r.issues.map(({ transaction_id, document_id, description, is_critical }) => ({ transaction_id, document_id, description, is_critical }));
    expect(bySet(strip)).toEqual(bySet(expected.verify.issues));
    expect(r.checked_against_store).toBe(true);
    for (const i of r.issues) if (i.segment !== undefined) expect(i.row).toBeTypeOf('number');
  });

  it('safe recovery: plan (writes nothing), apply (backup), plan again (nothing left)', async () => {
    const { collection } = copyStore(name);
    const before = liveDocuments(collection);
    const info = await h.open(collection);
    const plan = must(await h.api.recovery.plan({ session_id: info.session_id, mode: 'safe', job_id: `p-${name}` }));
    expect({ r: plan.recovered_operations, s: plan.skipped_operations, f: plan.failed_operations }).toEqual({
      r: expected.safe.recovered_operations, s: expected.safe.skipped_operations, f: expected.safe.failed_operations,
    });
    expect(plan).toMatchObject({ dry_run: true, mode: 'safe', committed_only: false, store: collection });
    expect(liveDocuments(collection)).toEqual(before);
    for (const c of plan.changes) {
      if (c.before !== null) JSON.parse(c.before);
      if (c.after !== null) JSON.parse(c.after);
    }
    const applied = must(await h.api.recovery.apply({ session_id: info.session_id, plan_id: plan.plan_id, job_id: `a-${name}` }));
    expect(liveDocuments(collection)).toEqual(expected.safe.final_documents);
    if (plan.changes.length > 0) expect(applied.backup).toBeTypeOf('string');
    expect(await h.api.recovery.apply({ session_id: info.session_id, plan_id: plan.plan_id })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PLAN' } });
    const again = must(await h.api.recovery.plan({ session_id: info.session_id, mode: 'safe' }));
    expect(again.changes).toEqual([]);
  });
});

describe('checkpoint through the service', () => {
  it('plain checkpoint syncs; compact previews and refuses while verification fails', async () => {
    const { collection } = copyStore('crash-before-write');
    const info = await h.open(collection);
    const plain = must(await h.api.checkpoint.plan({ session_id: info.session_id }));
    expect(plain).toMatchObject({ compact: false, refused: null, seal: null, verify_passed: null });
    const done = must(await h.api.checkpoint.apply({ session_id: info.session_id, plan_id: plain.plan_id }));
    expect(done.synced).toBe(true);
    const compact = must(await h.api.checkpoint.plan({ session_id: info.session_id, compact: true }));
    expect(compact.verify_passed).toBe(false);
    expect(compact.refused).toMatch(/critical/);
    expect(compact.blocked_by[0]).toEqual({ kind: 'critical-issues', description: expect.stringMatching(/^verification has \d+ critical issue/) });
    expect(await h.api.checkpoint.apply({ session_id: info.session_id, plan_id: compact.plan_id })).toMatchObject({ ok: false, error: { code: 'VERIFY_FAILED' } });
  });

  it('verify and recovery need a collection directory when the session is a lone segment', async () => {
    const info = await h.open(path.join(GOLDEN, 'basic.wal'));
    const v = must(await h.api.verify.run({ session_id: info.session_id }));
    expect(v.checked_against_store).toBe(false);
    expect(await h.api.recovery.plan({ session_id: info.session_id, mode: 'safe' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', context: { field: 'store' } } });
  });
});
