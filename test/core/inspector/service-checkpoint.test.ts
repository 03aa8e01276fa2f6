import { mkdtemp, rename, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acquireWriterLock } from '../../../core/wal/writer/writer-lock.js';
import { ins, makeStore, treeSnapshot, type TestStore } from '../store/store-fixture.js';
import { harness, must } from './support/inspector-fixtures.js';

const h = harness();
afterAll(() => h.service.close());
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function store(options: { walName?: string } = {}): Promise<TestStore> {
  const s = await makeStore({ a: '{}' }, [ins('a', '{}')], options);
  cleanups.push(() => s.cleanup());
  return s;
}

/** A compaction previewed through the service, ready to apply. */
async function previewed(s: TestStore): Promise<{ session_id: string; plan_id: string }> {
  const { session_id } = await h.open(s.collDir);
  const plan = must(await h.api.checkpoint.plan({ session_id, compact: true }));
  expect(plan.refused).toBeNull();
  return { session_id, plan_id: plan.plan_id };
}

describe('checkpoint.apply refusals cross the contract under their own codes, with their context', () => {
  it('another writer holding our lock since the preview: LOG_IN_USE naming the .wal/ directory and the process', async () => {
    const s = await store();
    const args = await previewed(s);
    const lock = await acquireWriterLock(s.walDir, 'writer');
    try {
      const snap = await treeSnapshot(s.walDir);
      expect(await h.api.checkpoint.apply(args)).toEqual({
        ok: false,
        error: { code: 'LOG_IN_USE', message: expect.stringContaining(`a writer in process ${process.pid}`), context: expect.objectContaining({ file: s.walDir, pid: process.pid }) },
      });
      expect(await treeSnapshot(s.walDir)).toEqual(snap);
    } finally {
      await lock.release();
    }
  });

  it('a .wal/ directory replaced by a link since the preview: LINK_REFUSED naming it', async () => {
    const s = await store();
    const args = await previewed(s);
    const elsewhere = await mkdtemp(join(tmpdir(), 'wal-inspector-link-target-'));
    cleanups.push(() => rm(elsewhere, { recursive: true, force: true }));
    await rename(s.walDir, join(elsewhere, 'moved'));
    await symlink(join(elsewhere, 'moved'), s.walDir);
    expect(await h.api.checkpoint.apply(args)).toMatchObject({
      ok: false, error: { code: 'LINK_REFUSED', message: expect.stringContaining('symbolic link'), context: { file: s.walDir } },
    });
  });
});

describe('checkpoint.apply says synced only when something was', () => {
  it('a compaction with no active segment seals nothing and syncs nothing', async () => {
    const s = await store({ walName: 'transactions.1700000000.wal' });
    const { session_id } = await h.open(s.collDir);
    const plan = must(await h.api.checkpoint.plan({ session_id, compact: true }));
    expect(plan).toMatchObject({ refused: null, seal: null, remove: [], position: { segment: null } });
    const done = must(await h.api.checkpoint.apply({ session_id, plan_id: plan.plan_id }));
    expect(done).toEqual({ sealed: null, removed: [], kept: [], synced: false, position: { segment: null, offset: 0, entries: 0, segments: 1 } });
  });

  it('a plain plan reports where the log ends, entries counted (as apply does)', async () => {
    const s = await store();
    const { session_id } = await h.open(s.collDir);
    const plan = must(await h.api.checkpoint.plan({ session_id }));
    const done = must(await h.api.checkpoint.apply({ session_id, plan_id: plan.plan_id }));
    expect(plan.position).toEqual({ segment: 'transactions.wal', offset: expect.any(Number), entries: 1, segments: 1 });
    expect(done.position).toEqual(plan.position);
    expect(plan.writer_check).toBeNull();
  });
});
