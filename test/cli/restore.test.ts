import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli-in-process.js';
import { D, I, T0, U, tx, type Step } from '../core/history/history-fixture.js';
import { storeWith } from '../core/restore/restore-fixture.js';
import { liveData, treeSnapshot, type TestStore } from '../core/store/store-fixture.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

const X = tx('deploy');
const steps: Step[] = [I('a', '{"p":1,"q":1}', { at: 1 }), I('b', '{"v":1}', { at: 2 }), U('a', '{"p":9,"q":1}', { tx: X, at: 3 }), D('b', { tx: X, at: 4 }), U('a', '{"p":9,"q":2}', { at: 5 })];
const now = { a: '{"p":9,"q":2}' };

async function store(): Promise<TestStore> {
  const s = await storeWith(now, steps);
  stores.push(s);
  return s;
}

describe('restore', () => {
  it('--dry-run --json previews in the issue\'s shape and writes nothing', async () => {
    const s = await store();
    const before = await treeSnapshot(s.storeDir);
    const r = await runCliCaptured(['restore', s.collDir, '--store', s.collDir, '--exclude-tx', X, '--dry-run', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.changes).toEqual([
      { collection: 'users', document_id: 'a', operation: 'update', before: '{\n  "p": 9,\n  "q": 2\n}', after: '{\n  "p": 1,\n  "q": 2\n}' },
      { collection: 'users', document_id: 'b', operation: 'insert', before: null, after: '{\n  "v": 1\n}' },
    ]);
    expect(p).toMatchObject({ conflicts: [], incomplete: [], excluded_entries: 2, dry_run: true, selection: { exclude_tx: [X], uncommitted: 'excluded' } });
    expect(await treeSnapshot(s.storeDir)).toEqual(before);
  });

  it('--yes applies; a second run has nothing to do', async () => {
    const s = await store();
    const r = await runCliCaptured(['restore', s.collDir, '--store', s.collDir, '--until', String(T0 + 2n), '--yes']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 documents to change/);
    expect(r.stdout).toMatch(/applied 2 changes\nbackup: /);
    expect(await liveData(s.collDir)).toEqual({ a: '{"p":1,"q":1}', b: '{"v":1}' });
    const again = await runCliCaptured(['restore', s.collDir, '--store', s.collDir, '--until', String(T0 + 2n), '--yes', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ changes: [], applied: { written: 0 } });
  });

  it('without --yes and no terminal it refuses; option mistakes are usage errors', async () => {
    const s = await store();
    const r = await runCliCaptured(['restore', s.collDir, '--store', s.collDir, '--until', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pass --yes/);
    const both = await runCliCaptured(['restore', s.collDir, '--store', s.collDir, '--until', '5', '--exclude-tx', X, '--dry-run']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exactly one of --until/);
    const bad = await runCliCaptured(['restore', s.collDir, '--store', s.collDir, '--until', 'yesterday!', '--dry-run']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--until: "yesterday!"/);
  });

  it('--plan-out writes a plan; apply applies it, and refuses a changed log naming it', async () => {
    const s = await store();
    const plan = join(s.root, 'undo.plan.json');
    const r = await runCliCaptured(['restore', s.collDir, '--store', s.collDir, '--exclude-tx', X, '--plan-out', plan]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/plan written to .*undo\.plan\.json/);
    expect(JSON.parse(await readFile(plan, 'utf8'))).toMatchObject({ format: 'wal-inspector.plan', kind: 'restore' });
    const applied = await runCliCaptured(['apply', plan, '--yes', '--json']);
    expect(applied.stderr).toBe('');
    expect(JSON.parse(applied.stdout)).toMatchObject({ applied: { written: 2, already_done: 0, plan_file: plan } });
    expect(await liveData(s.collDir)).toEqual({ a: '{"p":1,"q":2}', b: '{"v":1}' });

    const s2 = await store();
    const plan2 = join(s2.root, 'p.json');
    await runCliCaptured(['restore', s2.collDir, '--store', s2.collDir, '--exclude-tx', X, '--plan-out', plan2]);
    const seg = join(s2.walDir, 'transactions.wal');
    const bytes = await readFile(seg);
    bytes[50] = bytes[50]! ^ 1;
    await (await import('node:fs/promises')).writeFile(seg, bytes);
    const refused = await runCliCaptured(['apply', plan2, '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(seg);
    expect(refused.stderr).toMatch(/differ from when the plan was made/);
  });

  it('--into writes the rehearsal and leaves the store byte-identical', async () => {
    const s = await store();
    const before = await treeSnapshot(s.storeDir);
    const into = join(s.root, 'rehearsal');
    const r = await runCliCaptured(['restore', s.collDir, '--store', s.collDir, '--exclude-tx', X, '--into', into, '--yes']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/wrote .*rehearsal \(2 documents restored; the store was not touched\)/);
    expect(await treeSnapshot(s.storeDir)).toEqual(before);
    expect(await liveData(into)).toEqual({ a: '{"p":1,"q":2}', b: '{"v":1}' });
    const again = await runCliCaptured(['restore', s.collDir, '--store', s.collDir, '--exclude-tx', X, '--into', into, '--yes']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists; --into writes a new directory and never overwrites/);
  });
});
