import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli-in-process.js';
import { begin, ins, makeStore, upd, type TestStore } from '../core/store/store-fixture.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

async function store(docs: Record<string, string>, log: Parameters<typeof makeStore>[1]): Promise<TestStore> {
  const s = await makeStore(docs, log);
  stores.push(s);
  return s;
}

describe('verify', () => {
  it('--json: exactly one JSON document on stdout with the contract\'s fields; exit 0 when passed', async () => {
    const s = await store({ a: '{"v":2}' }, [ins('a', '{"v":1}'), upd('a', '{"v":2}')]);
    const r = await runCliCaptured(['verify', s.storeDir, '--store', s.collDir, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).slice(0, 5)).toEqual(['passed', 'entries_processed', 'affected_documents', 'issues', 'findings']);
    expect(out).toMatchObject({ passed: true, entries_processed: 2, affected_documents: 1, issues: [] });
  });

  it('exit 1 on critical issues; issues carry segment and offset', async () => {
    const s = await store({}, [ins('a', '{"v":1}'), begin('tx-one-000000000000000000000000a'), ins('b', '{}', 'tx-one-000000000000000000000000a')]);
    const r = await runCliCaptured(['verify', s.walDir, '--store', s.collDir, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.issues[0]).toMatchObject({ transaction_id: 'final_check', document_id: 'a', is_critical: true, segment: 'transactions.wal', offset: 0 });
    expect(out.findings.map((f: { kind: string }) => f.kind)).toContain('unterminated-transaction');
    expect(Number.isInteger(out.entries_processed)).toBe(true);
  });

  it('finds the chain from a store root, a collection directory or a .wal directory', async () => {
    const s = await store({ a: '{}' }, [ins('a', '{}')]);
    for (const p of [s.storeDir, s.collDir, s.walDir]) {
      const r = await runCliCaptured(['verify', p, '--store', s.collDir, '--json']);
      expect([p, r.code]).toEqual([p, 0]);
    }
  });

  it('human output names the verdict; without --store it says documents were not compared', async () => {
    const s = await store({}, [ins('a', '{}')]);
    const r = await runCliCaptured(['verify', s.collDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^verification PASSED: 1 entries processed.*no store given/);
  });

  it('human output lists the first 500 issues and says how many more --json has', async () => {
    const s = await store({}, Array.from({ length: 700 }, () => ins('same', '{}')));
    const r = await runCliCaptured(['verify', s.collDir]);
    expect(r.code).toBe(1);
    const listed = r.stdout.split('\n').filter((l) => l.startsWith('  CRITICAL Document same already exists'));
    expect(listed).toHaveLength(500);
    expect(r.stdout).toContain('  … and 199 more issues (--json lists the first 10,000 of each severity)');
    const json = JSON.parse((await runCliCaptured(['verify', s.collDir, '--json'])).stdout) as { issues: unknown[] };
    expect(json.issues).toHaveLength(699);
  });

  it('exit 2 on usage and I/O errors', async () => {
    expect((await runCliCaptured(['verify'])).code).toBe(2);
    expect((await runCliCaptured(['verify', '/nonexistent/path/x'])).code).toBe(2);
    expect((await runCliCaptured(['verify', '.', '--bogus'])).code).toBe(2);
    const s = await store({}, [ins('a', '{}')]);
    expect((await runCliCaptured(['verify', s.collDir, '--store', '/nonexistent/users'])).code).toBe(2);
  });
});
