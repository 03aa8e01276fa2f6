import { readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli-in-process.js';
import { del, ins, makeStore, treeSnapshot, type TestStore } from '../core/store/store-fixture.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

async function store(docs: Record<string, string> = { a: '{}' }): Promise<TestStore> {
  const s = await makeStore(docs, [ins('a', '{}')]);
  stores.push(s);
  return s;
}

describe('checkpoint', () => {
  it('plain: syncs and reports the position as one JSON document (checkpoint.apply\'s result)', async () => {
    const s = await store();
    const r = await runCliCaptured(['checkpoint', s.collDir, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      sealed: null, removed: [], kept: [], synced: true,
      position: { segment: 'transactions.wal', offset: expect.any(Number), entries: 1, segments: 1 },
    });
    const human = await runCliCaptured(['checkpoint', s.collDir]);
    expect(human.stdout).toMatch(/^checkpoint: synced; log ends at transactions\.wal:\d+ \(1 entries in it, 1 segments\)\n$/);
  });

  it('--compact --dry-run previews and changes nothing', async () => {
    const s = await store();
    const snap = await treeSnapshot(s.storeDir);
    const r = await runCliCaptured(['checkpoint', s.collDir, '--compact', '--dry-run', '--json', '--keep', '3', '--max-age', '7d']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      compact: true, refused: null, verify_passed: true, writer_check: 'proc',
      seal: { from: 'transactions.wal', to: expect.stringMatching(/^transactions\.\d+\.wal$/), compression: 'none', entries: 1 },
    });
    expect(out).not.toHaveProperty('plan_id');
    expect(await treeSnapshot(s.storeDir)).toEqual(snap);
  });

  it('--compact --yes seals (compressed when asked)', async () => {
    const s = await store();
    const r = await runCliCaptured(['checkpoint', s.walDir, '--compact', '--yes', '--compress', 'gzip', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({ sealed: expect.stringMatching(/^transactions\.\d+\.wal\.gz$/), removed: [], kept: [], synced: true, position: expect.objectContaining({ offset: 0, entries: 0 }) });
    expect((await readdir(s.walDir)).sort()).toEqual([out.sealed, 'transactions.wal']);
  });

  it('--compact --dry-run and the sealing name the same files: seal.to the rotated name, seal.final what --compress makes of it', async () => {
    const s = await store();
    const plan = JSON.parse((await runCliCaptured(['checkpoint', s.walDir, '--compact', '--dry-run', '--compress', 'gzip', '--json'])).stdout);
    expect(plan.seal.final).toBe(`${plan.seal.to}.gz`);
    const human = await runCliCaptured(['checkpoint', s.walDir, '--compact', '--dry-run', '--compress', 'gzip']);
    expect(human.stdout).toMatch(/^seal transactions\.wal \(\d+ bytes, 1 entries\) as transactions\.\d+\.wal\.gz \(gzip\); the active segment starts empty$/m);
  });

  it('--compact refuses with exit 1 while verification has critical issues', async () => {
    const s = await store({});
    const r = await runCliCaptured(['checkpoint', s.collDir, '--compact', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/refused: verification has 1 critical issue/);
  });

  it('--compact names each blocking finding in the preview and in --json (blocked_by), and exits 1', async () => {
    const s = await makeStore({ a: '{}' }, [ins('a', '{}'), ins('b', '{}'), del('b')]);
    stores.push(s);
    const snap = await treeSnapshot(s.storeDir);
    const human = await runCliCaptured(['checkpoint', s.collDir, '--compact', '--yes']);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/^verification passed/);
    expect(human.stdout).toMatch(/refused: the store does not reflect the log exactly \(1 finding\)/);
    expect(human.stdout).toMatch(/ {2}blocked: Document b is deleted by the log but its soft-deleted copy \.deleted\/b\.json is missing \(transactions\.wal:\d+\)/);
    const json = await runCliCaptured(['checkpoint', s.collDir, '--compact', '--dry-run', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      verify_passed: true, blocked_total: 1,
      blocked_by: [{ kind: 'deleted-copy-missing', document_id: 'b', segment: 'transactions.wal', offset: expect.any(Number) }],
    });
    expect(await treeSnapshot(s.storeDir)).toEqual(snap);
  });

  it('--compact without a terminal and without --yes/--dry-run refuses with exit 2', async () => {
    const s = await store();
    const r = await runCliCaptured(['checkpoint', s.collDir, '--compact']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pass --yes/);
  });

  it('usage errors exit 2', async () => {
    const s = await store();
    expect((await runCliCaptured(['checkpoint', s.collDir, '--keep', '2'])).code).toBe(2);
    expect((await runCliCaptured(['checkpoint', s.collDir, '--compact', '--dry-run', '--max-age', 'soon'])).code).toBe(2);
    expect((await runCliCaptured(['checkpoint', s.collDir, '--compact', '--dry-run', '--compress', 'rar'])).code).toBe(2);
  });
});
