import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockCollection } from '../../core/recovery/recovery-lock.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';
import { makeMultiCollectionStore, type MultiStore } from '../support/multi-collection-store.js';
import { ins, makeStore } from '../core/store/store-fixture.js';

const stores: MultiStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

describe('recover <store root> --yes', () => {
  it('applies every collection, each with its own backup; a re-run has nothing left to do', async () => {
    const s = await makeMultiCollectionStore();
    stores.push(s);
    const r = await runCliCaptured(['recover', s.root, '--mode', 'safe', '--yes', '--json']);
    expect(r.code, r.stderr).toBe(1); // orders' damaged range is a failed entry
    const out = JSON.parse(r.stdout) as { applied: number; document_changes: number; collections: { collection: string; applied: number; backup: string | null }[] };
    expect(out.applied).toBe(out.collections.reduce((n, c) => n + c.applied, 0));
    for (const c of out.collections.filter((x) => x.applied > 0)) expect(c.backup).toContain(`${s.collectionDir(c.collection)}/.backups/`);
    const again = JSON.parse((await runCliCaptured(['recover', s.root, '--mode', 'safe', '--dry-run', '--json'])).stdout) as { document_changes: number };
    expect(again.document_changes).toBe(0);
  }, 60_000);

  it('a collection that cannot be applied stops it, saying which collections were applied before it and which were not started', async () => {
    const s = await makeMultiCollectionStore();
    stores.push(s);
    const lock = await lockCollection(s.collectionDir('events'), 'test');
    let r;
    try {
      r = await runCliCaptured(['recover', s.root, '--mode', 'force', '--yes']);
    } finally {
      await lock.release();
    }
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/collection events: .*locked|collection events: .*lock/i);
    // Force rewrites acc-5, edited by hand: accounts was applied, with a backup.
    expect(r.stderr).toMatch(/applied before it: accounts \(1 document written, backup [^)]+\.backups\/[^)]+\); not started: logs, orders/);
    // The re-run finishes the job: accounts has nothing left, the others are applied now.
    const rerun = await runCliCaptured(['recover', s.root, '--mode', 'force', '--yes', '--json']);
    const out = JSON.parse(rerun.stdout) as { collections: { collection: string; applied: number }[] };
    expect(out.collections.find((c) => c.collection === 'accounts')!.applied).toBe(0);
  }, 60_000);
});

describe('checkpoint <store root> --compact --yes', () => {
  it('a collection whose compaction cannot be applied stops it, saying which collections were sealed before it', async () => {
    const t = await makeStore({ a: '{}' }, [ins('a', '{}')], { collection: 'alpha' });
    stores.push({ root: t.storeDir, collectionDir: (n) => join(t.storeDir, 'data', n), cleanup: t.cleanup });
    await cp(t.collDir, join(t.storeDir, 'data', 'beta'), { recursive: true });
    const lock = await lockCollection(join(t.storeDir, 'data', 'beta'), 'test');
    let r;
    try {
      r = await runCliCaptured(['checkpoint', t.storeDir, '--compact', '--yes']);
    } finally {
      await lock.release();
    }
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/collection beta: .*lock.* — applied before it: alpha \(sealed transactions\.\d+\.wal\); not started: none/);
  }, 60_000);
});
