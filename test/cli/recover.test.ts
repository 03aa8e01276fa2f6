import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';
import { del, deletedData, ins, liveData, makeStore, treeSnapshot, upd, type TestStore } from '../core/store/store-fixture.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

async function store(): Promise<TestStore> {
  const s = await makeStore({ a: '{"v":1}' }, [upd('a', '{"v":2}'), ins('b', '{"w":1}'), ins('../x', '{}')]);
  stores.push(s);
  return s;
}

/** Runs the CLI as if at a terminal, answering `answer` to the prompt. */
async function atTerminal(argv: string[], answer: string) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY: true });
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => {
    err += c.toString();
    if (err.includes('[y/N]')) stdin.write(answer + '\n');
  });
  const code = await runCli(argv, { stdin, stdout, stderr, cwd: process.cwd(), signal: new AbortController().signal });
  return { code, stdout: out, stderr: err };
}

describe('recover', () => {
  it('--dry-run --json: the plan, nothing written; exit 1 because an entry failed', async () => {
    const s = await store();
    const snap = await treeSnapshot(s.storeDir);
    const r = await runCliCaptured(['recover', s.collDir, '--store', s.collDir, '--mode', 'safe', '--dry-run', '--json']);
    expect(r.code).toBe(1);
    expect(await treeSnapshot(s.storeDir)).toEqual(snap);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).slice(0, 7)).toEqual(['recovered_operations', 'skipped_operations', 'failed_operations', 'failures', 'changes', 'lost', 'backup']);
    expect(out).toMatchObject({ recovered_operations: 2, skipped_operations: 0, failed_operations: 1, backup: null, dry_run: true });
    expect(out.failures[0]).toMatchObject({ transaction_id: expect.any(String), document_id: '../x', operation_type: 'Insert', reason: 'I/O error: Invalid document ID: ../x' });
    // Document data as the contract carries it: pretty JSON text, numbers exactly as stored.
    expect(out.changes).toEqual([
      { collection: 'users', document_id: 'a', operation: 'update', before: '{\n  "v": 1\n}', after: '{\n  "v": 2\n}' },
      { collection: 'users', document_id: 'b', operation: 'insert', before: null, after: '{\n  "w": 1\n}' },
    ]);
    expect(out.dropped_entries).toBeUndefined();
    expect(out.dropped).toBeUndefined();
  });

  it('--yes --json applies, backs up, reports the backup; --committed-only adds dropped_entries', async () => {
    const s = await store();
    const r = await runCliCaptured(['recover', s.collDir, '--store', s.collDir, '--mode', 'force', '--yes', '--json', '--committed-only']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.backup).toMatch(/\.backups\/recover-/);
    expect(out.dropped_entries).toBe(0);
    expect(out.dropped).toEqual([]);
    expect(out.dry_run).toBe(false);
    expect(await liveData(s.collDir)).toEqual({ a: '{"v":2}', b: '{"w":1}' });
  });

  it('--no-backup writes no backup', async () => {
    const s = await store();
    const r = await runCliCaptured(['recover', s.collDir, '--store', s.collDir, '--mode', 'safe', '--yes', '--json', '--no-backup']);
    expect(JSON.parse(r.stdout).backup).toBeNull();
    expect([...(await treeSnapshot(s.collDir)).keys()].some((k) => k.startsWith('.backups'))).toBe(false);
  });

  it('without a terminal and without --yes/--dry-run it refuses with exit 2 and says to pass --yes', async () => {
    const s = await store();
    const snap = await treeSnapshot(s.storeDir);
    const r = await runCliCaptured(['recover', s.collDir, '--store', s.collDir, '--mode', 'safe']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/pass --yes/);
    expect(await treeSnapshot(s.storeDir)).toEqual(snap);
  });

  it('at a terminal it shows the plan and asks: no changes nothing, yes applies', async () => {
    const s = await store();
    const snap = await treeSnapshot(s.storeDir);
    const no = await atTerminal(['recover', s.collDir, '--store', s.collDir, '--mode', 'safe'], 'n');
    expect(no.code).toBe(2);
    expect(no.stderr).toMatch(/update a: \{"v":1\} → \{"v":2\}/);
    expect(no.stderr).toMatch(/Apply 2 changes to .*\? \[y\/N\]/);
    expect(await treeSnapshot(s.storeDir)).toEqual(snap);
    const yes = await atTerminal(['recover', s.collDir, '--store', s.collDir, '--mode', 'safe', '--json'], 'y');
    expect(yes.code).toBe(1);
    expect(JSON.parse(yes.stdout).recovered_operations).toBe(2);
    expect(await liveData(s.collDir)).toEqual({ a: '{"v":2}', b: '{"w":1}' });
  });

  it('usage errors exit 2: a lone segment without --store, bad --mode', async () => {
    const s = await store();
    const lone = await runCliCaptured(['recover', `${s.walDir}/transactions.wal`, '--mode', 'safe', '--yes']);
    expect([lone.code, lone.stderr]).toEqual([2, expect.stringMatching(/--store <collection dir> is required: the path is a lone segment/)]);
    expect((await runCliCaptured(['recover', s.collDir, '--store', s.collDir, '--mode', 'gentle', '--yes'])).code).toBe(2);
    expect((await runCliCaptured(['recover', s.collDir, '--store', s.collDir, '--yes'])).code).toBe(2);
  });

  it('a collection directory (or its .wal/) is its own store: no --store needed', async () => {
    const s = await store();
    const given = await runCliCaptured(['recover', s.collDir, '--store', s.collDir, '--mode', 'safe', '--dry-run', '--json']);
    for (const p of [s.collDir, s.walDir]) {
      const r = await runCliCaptured(['recover', p, '--mode', 'safe', '--dry-run', '--json']);
      expect([p, r.code, r.stdout]).toEqual([p, given.code, given.stdout]);
    }
  });

  it('Insert a, Delete a: the plan shows a delete from nothing, .deleted/a.json is written (--json: deleted_after, note)', async () => {
    const s = await makeStore({}, [ins('a', '{"v":1}'), del('a')]);
    stores.push(s);
    const dry = await runCliCaptured(['recover', s.collDir, '--store', s.collDir, '--mode', 'safe', '--dry-run']);
    expect(dry.stdout).toMatch(/delete a: \(none\) → \(soft-deleted\) \(created and deleted by the log/);
    const r = await runCliCaptured(['recover', s.collDir, '--store', s.collDir, '--mode', 'safe', '--yes', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).changes).toEqual([{
      collection: 'users', document_id: 'a', operation: 'delete', before: null, after: null, deleted_after: '{\n  "v": 1\n}',
      note: 'created and deleted by the log: only its soft-deleted copy is written',
    }]);
    expect(await liveData(s.collDir)).toEqual({});
    expect(await deletedData(s.collDir)).toEqual({ a: '{"v":1}' });
  });

  it('exit 0 when nothing failed', async () => {
    const s = await makeStore({}, [ins('a', '{}')]);
    stores.push(s);
    const r = await runCliCaptured(['recover', s.collDir, '--store', s.collDir, '--mode', 'safe', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/applied 1 change/);
  });
});
