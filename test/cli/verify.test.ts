import { afterEach, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { runCli } from '../../cli/run-cli.js';
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
    const r = await runCliCaptured(['verify', s.collDir, '--store', s.collDir, '--json']);
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

  it('finds the chain from a collection directory or a .wal directory; a store root is verified collection by collection', async () => {
    const s = await store({ a: '{}' }, [ins('a', '{}')]);
    for (const p of [s.collDir, s.walDir]) {
      const r = await runCliCaptured(['verify', p, '--store', s.collDir, '--json']);
      expect([p, r.code]).toEqual([p, 0]);
    }
    const whole = await runCliCaptured(['verify', s.storeDir, '--json']);
    expect(whole.code).toBe(0);
    expect(JSON.parse(whole.stdout)).toMatchObject({ passed: true, collections: [{ collection: 'users', passed: true, store: s.collDir }] });
    const refused = await runCliCaptured(['verify', s.storeDir, '--store', s.collDir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/a store root is verified against its own collections/);
  });

  it('human output names the verdict; with --no-store (or a lone segment) it says documents were not compared', async () => {
    const s = await store({}, [ins('a', '{}')]);
    for (const argv of [[s.collDir, '--no-store'], [`${s.walDir}/transactions.wal`]]) {
      const r = await runCliCaptured(['verify', ...argv]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^verification PASSED: 1 entries processed.*no store given/);
    }
  });

  it('a collection directory (or its .wal/) is its own store: compared with its documents without --store', async () => {
    const s = await store({}, [ins('a', '{}')]);
    for (const p of [s.collDir, s.walDir]) {
      const r = await runCliCaptured(['verify', p, '--json']);
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout) as { checked_against_store: boolean; store: string; issues: { description: string }[] };
      expect(out).toMatchObject({ checked_against_store: true, store: s.collDir });
      expect(out.issues.map((i) => i.description)).toEqual(['Document a exists in WAL but not on disk']);
    }
  });

  it('human output lists the first 500 issues and says how many more --json has', async () => {
    const s = await store({}, Array.from({ length: 700 }, () => ins('same', '{}')));
    const r = await runCliCaptured(['verify', s.collDir, '--no-store']);
    expect(r.code).toBe(1);
    const listed = r.stdout.split('\n').filter((l) => l.startsWith('  CRITICAL Document same already exists'));
    expect(listed).toHaveLength(500);
    expect(r.stdout).toContain('  … and 199 more issues (--json lists the first 10,000 of each severity)');
    const json = JSON.parse((await runCliCaptured(['verify', s.collDir, '--no-store', '--json'])).stdout) as { issues: unknown[] };
    expect(json.issues).toHaveLength(699);
  });

  it('--json is streamed in pieces, byte for byte what JSON.stringify(report, null, 2) gives, for a log and for a store root', async () => {
    const s = await store({}, Array.from({ length: 700 }, () => ins('same', '{}')));
    for (const argv of [['verify', s.collDir, '--no-store', '--json'], ['verify', s.storeDir, '--json']]) {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      const code = await runCli(argv, { stdout: out, stderr: new PassThrough(), stdin: new PassThrough(), cwd: process.cwd(), signal: new AbortController().signal });
      out.end();
      expect([argv[1], code]).toEqual([argv[1], 1]);
      const text = Buffer.concat(chunks).toString('utf8');
      // 699 issues are ~200 KB: more than one 64 KiB batch, so more than one write.
      expect(text.length).toBeGreaterThan(128 * 1024);
      expect(chunks.length).toBeGreaterThan(1);
      expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
    }
  });

  it('exit 2 on usage and I/O errors', async () => {
    expect((await runCliCaptured(['verify'])).code).toBe(2);
    expect((await runCliCaptured(['verify', '/nonexistent/path/x'])).code).toBe(2);
    expect((await runCliCaptured(['verify', '.', '--bogus'])).code).toBe(2);
    const s = await store({}, [ins('a', '{}')]);
    expect((await runCliCaptured(['verify', s.collDir, '--store', '/nonexistent/users'])).code).toBe(2);
  });
});
