import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyCompaction } from '../../../core/checkpoint/compact-apply.js';
import { planCompaction } from '../../../core/checkpoint/compact-plan.js';
import { findOpenWriters } from '../../../core/checkpoint/open-writers.js';
import { applyRecovery } from '../../../core/recovery/apply-recovery.js';
import { lockForRecovery, RECOVERY_LOCK } from '../../../core/recovery/recovery-lock.js';
import { FsCollection } from '../../../core/store/fs-collection.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { planOn } from '../recovery/recover-helper.js';
import { del, ins, makeStore, upd, type TestStore } from '../store/store-fixture.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

const NOW = 1_800_000_000;

/** A store that reflects its log (so compaction may seal), with a document the log never wrote. */
async function consistent(): Promise<TestStore> {
  const s = await makeStore({ a: '{"v":2}' }, [ins('a', '{"v":1}'), upd('a', '{"v":2}'), ins('b', '{}'), del('b')], { deleted: { b: '{}' } });
  stores.push(s);
  return s;
}

// Issue 11: a recovery and a compaction of one collection could run at once.
describe('checkpoint --compact and recovery take the same collection lock', () => {
  it('while a recovery applies, compaction is refused with LOCKED naming the lock and its holder; nothing is sealed', async () => {
    const s = await consistent();
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW });
    expect(plan.refused).toBeNull();
    const before = (await readdir(s.walDir)).sort();
    const recovery = await lockForRecovery(await FsCollection.open(s.collDir));
    try {
      const err = await applyCompaction(plan).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'LOCKED', context: { file: join(s.collDir, RECOVERY_LOCK), pid: process.pid } });
      expect((err as Error).message).toContain(`held by process ${process.pid}`);
      expect((await readdir(s.walDir)).sort()).toEqual(before);
    } finally {
      await recovery.release();
    }
    expect((await applyCompaction(plan)).sealed).toBe(`transactions.${NOW}.wal`);
    expect(await readdir(s.collDir)).not.toContain(RECOVERY_LOCK);
  });

  it('while a compaction applies, a recovery of the collection is refused with LOCKED', async () => {
    const s = await consistent();
    const recoveryPlan = await planOn(s, 'force');
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW });
    let during: unknown;
    // The writer check runs inside the compaction's locked section, right before the seal.
    const r = await applyCompaction(plan, {
      checkWriters: async (files) => {
        during ??= await applyRecovery(recoveryPlan, await FsCollection.open(s.collDir)).catch((e: unknown) => e);
        return findOpenWriters(files);
      },
    });
    expect(r.sealed).toBe(`transactions.${NOW}.wal`);
    expect(during).toMatchObject({ code: 'LOCKED', context: { file: join(s.collDir, RECOVERY_LOCK), pid: process.pid } });
    expect(await readdir(s.collDir)).not.toContain(RECOVERY_LOCK);
  });
});
