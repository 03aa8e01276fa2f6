import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRecovery } from '../../../core/recovery/apply-recovery.js';
import { RecoveryError } from '../../../core/recovery/recovery-error.js';
import { toInspectorError } from '../../../core/inspector/inspector-error.js';
import { FsCollection } from '../../../core/store/fs-collection.js';
import { ins, liveData, makeStore, type TestStore } from '../store/store-fixture.js';
import { planOn } from './recover-helper.js';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.cleanup();
});

describe('a cancelled apply', () => {
  it('says how many documents it wrote, which, and where the backup is; planning again finishes the job', async () => {
    const store = await makeStore({}, Array.from({ length: 3000 }, (_, i) => ins(`doc-${i}`, `{"n":${i}}`)));
    stores.push(store);
    const plan = await planOn(store, 'safe');
    expect(plan.changes).toHaveLength(3000);
    const controller = new AbortController();
    const err = await applyRecovery(plan, await FsCollection.open(store.collDir), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'write' && p.done > 0) controller.abort();
      },
    }).then(() => undefined, (e: unknown) => e);

    expect(err).toBeInstanceOf(RecoveryError);
    const e = err as RecoveryError;
    expect(e.code).toBe('APPLY_FAILED');
    const { applied, planned, written, backup } = e.context;
    expect(planned).toBe(3000);
    expect(applied).toBeGreaterThan(0);
    expect(applied).toBeLessThan(3000);
    expect(written).toHaveLength(applied!);
    expect(backup && existsSync(join(backup, 'manifest.json'))).toBe(true);
    expect(e.message).toContain(`recovery cancelled part-way: ${applied} of 3000 documents were written (${written![0]}`);
    expect(e.message).toContain(backup!);
    // Exactly the documents it names are on disk.
    const live = await liveData(store.collDir);
    expect(Object.keys(live).sort()).toEqual([...written!].sort());
    // Crossing the contract, it keeps all of it.
    expect(toInspectorError(err)).toMatchObject({ code: 'APPLY_FAILED', context: { applied, planned, backup, written } });

    const again = await planOn(store, 'safe');
    expect(again.changes).toHaveLength(3000 - applied!);
    await applyRecovery(again, await FsCollection.open(store.collDir), { backup: false });
    expect(Object.keys(await liveData(store.collDir))).toHaveLength(3000);
    expect((await planOn(store, 'safe')).changes).toEqual([]);
  }, 60_000);
});
