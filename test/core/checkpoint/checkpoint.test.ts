import { appendFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyCompaction } from '../../../core/checkpoint/compact-apply.js';
import { planCompaction } from '../../../core/checkpoint/compact-plan.js';
import { checkpointLog } from '../../../core/checkpoint/log-position.js';
import { selectRemovals } from '../../../core/checkpoint/retention.js';
import { compressBytes } from '../../../core/wal/compression/compress.js';
import { entryText } from '../../../core/wal/log-entry.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import { del, documentText, ins, makeStore, treeSnapshot, upd, walBytes, type TestStore } from '../store/store-fixture.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

const NOW = 1_800_000_000;
const LOG = [ins('a', '{"v":1}'), upd('a', '{"v":2}'), ins('b', '{}'), del('b')];

/** The store LOG leaves: `a` live, `b` soft-deleted (its Delete moved it into `.deleted/`). */
async function consistent(): Promise<TestStore> {
  const s = await makeStore({ a: '{"v":2}' }, LOG, { deleted: { b: '{}' } });
  stores.push(s);
  return s;
}

async function entries(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const r of readLog(await locateLog(dir))) if (r.kind === 'entry') out.push(JSON.stringify({ ...entryText(r.entry), timestamp: String(r.entry.timestamp) }));
  return out;
}

describe('checkpoint', () => {
  it('syncs the active segment and reports where the log ends', async () => {
    const s = await consistent();
    const r = await checkpointLog(await locateLog(s.collDir));
    const size = (await stat(join(s.walDir, 'transactions.wal'))).size;
    expect(r).toEqual({ synced: true, position: { segment: 'transactions.wal', offset: size, entries: 4, segments: 1 } });
  });
});

describe('checkpoint --compact', () => {
  it('previews without writing, then seals the active segment so the active log starts empty', async () => {
    const s = await consistent();
    const before = await entries(s.collDir);
    const snap = await treeSnapshot(s.storeDir);
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW });
    expect(await treeSnapshot(s.storeDir)).toEqual(snap);
    expect(plan).toMatchObject({ refused: null, verification: { passed: true, entriesProcessed: 4, criticalIssues: 0 } });
    expect(plan.seal).toEqual({ from: 'transactions.wal', to: `transactions.${NOW}.wal`, compression: 'none', final: `transactions.${NOW}.wal` });
    const r = await applyCompaction(plan);
    expect(r.sealed).toBe(`transactions.${NOW}.wal`);
    expect((await readdir(s.walDir)).sort()).toEqual([`transactions.${NOW}.wal`, 'transactions.wal']);
    expect((await stat(join(s.walDir, 'transactions.wal'))).size).toBe(0);
    expect(await entries(s.collDir)).toEqual(before);
    expect(r.position).toMatchObject({ segment: 'transactions.wal', offset: 0, entries: 0, segments: 2 });
  });

  it('never reuses a rotated name: -1, -2 … after the original\'s form and its compressed variants', async () => {
    const s = await consistent();
    await writeFile(join(s.walDir, `transactions.${NOW}.wal.zst`), await compressBytes(new Uint8Array(0), 'zstd'));
    let plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW });
    expect(plan.seal?.to).toBe(`transactions.${NOW}-1.wal`);
    await applyCompaction(plan);
    await appendFile(join(s.walDir, 'transactions.wal'), walBytes([upd('a', '{"v":2}')]));
    plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW });
    expect(plan.seal?.to).toBe(`transactions.${NOW}-2.wal`);
  });

  it('compresses the sealed segment when asked; the chain reads the same entries', async () => {
    const s = await consistent();
    const before = await entries(s.collDir);
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW, compression: 'zstd' });
    const r = await applyCompaction(plan, { compression: 'zstd' });
    expect(r.sealed).toBe(`transactions.${NOW}.wal.zst`);
    expect((await readdir(s.walDir)).sort()).toEqual([`transactions.${NOW}.wal.zst`, 'transactions.wal']);
    expect(await entries(s.collDir)).toEqual(before);
  });

  it('removes sealed segments older than an age or beyond a count, their leftover copies first', async () => {
    const s = await consistent();
    const old = walBytes([]);
    await writeFile(join(s.walDir, `transactions.${NOW - 100_000}.wal`), old);
    await writeFile(join(s.walDir, `transactions.${NOW - 100_000}.wal.gz`), 'partial');
    await writeFile(join(s.walDir, `transactions.${NOW - 50}.wal`), old);
    await writeFile(join(s.walDir, `transactions.${NOW - 10}.wal`), old);
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW, maxAgeSecs: 86_400, keep: 2 });
    expect(plan.remove.map(({ stamp: _, ...step }) => step)).toEqual([
      { segment: `transactions.${NOW - 100_000}.wal`, reason: 'age', duplicates: [`transactions.${NOW - 100_000}.wal.gz`] },
      { segment: `transactions.${NOW - 50}.wal`, reason: 'count', duplicates: [] },
    ]);
    const r = await applyCompaction(plan);
    expect(r.removed).toEqual([`transactions.${NOW - 100_000}.wal.gz`, `transactions.${NOW - 100_000}.wal`, `transactions.${NOW - 50}.wal`]);
    expect((await readdir(s.walDir)).sort()).toEqual([`transactions.${NOW - 10}.wal`, `transactions.${NOW}.wal`, 'transactions.wal']);
  });

  it('refuses while verification has critical issues, and changes nothing', async () => {
    const s = await makeStore({ a: '{"v":1}' }, LOG);
    stores.push(s);
    const snap = await treeSnapshot(s.storeDir);
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW, keep: 0 });
    expect(plan.refused).toMatch(/^verification has 1 critical issue/);
    await expect(applyCompaction(plan)).rejects.toMatchObject({ code: 'NOT_VERIFIED' });
    expect(await treeSnapshot(s.storeDir)).toEqual(snap);
  });

  it('refuses when the log was written to since the preview', async () => {
    const s = await consistent();
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW });
    await appendFile(join(s.walDir, 'transactions.wal'), walBytes([upd('a', '{"v":2}')]));
    await expect(applyCompaction(plan)).rejects.toMatchObject({ code: 'STORE_CHANGED' });
  });

  it('an empty active segment has nothing to seal', async () => {
    const s = await makeStore({}, []);
    stores.push(s);
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW });
    expect(plan.seal).toBeNull();
  });

  it('needs a collection to verify against', async () => {
    const s = await consistent();
    await expect(planCompaction(await locateLog(join(s.walDir, 'transactions.wal')))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('retention rules', () => {
  const seg = (secs: number, seq = 0) => ({ name: `transactions.${secs}${seq ? `-${seq}` : ''}.wal`, secs, seq, duplicates: [] });
  it('keeps the newest N, by (secs, n)', () => {
    const r = selectRemovals([seg(5, 1), seg(5), seg(9), seg(1)], { keep: 2, nowSecs: 10 });
    expect(r.map((x) => x.segment)).toEqual(['transactions.1.wal', 'transactions.5.wal']);
  });
  it('removes by age; no rule removes nothing', () => {
    expect(selectRemovals([seg(1), seg(100)], { maxAgeSecs: 50, nowSecs: 120 }).map((x) => x.reason)).toEqual(['age']);
    expect(selectRemovals([seg(1), seg(100)], { nowSecs: 120 })).toEqual([]);
  });
});

describe('checkpoint --compact, store changed after the preview', () => {
  it('verifies again before removing segments and refuses when the store no longer reflects the log', async () => {
    const s = await makeStore({ a: '{"v":2}' }, LOG, { deleted: { b: '{}' } });
    stores.push(s);
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW, keep: 0 });
    expect(plan.remove.length).toBe(1);
    await writeFile(join(s.collDir, 'a.json'), await documentText('a', '{"v":3}'));
    const snap = await treeSnapshot(s.walDir);
    await expect(applyCompaction(plan)).rejects.toMatchObject({ code: 'STORE_CHANGED' });
    expect(await treeSnapshot(s.walDir)).toEqual(snap);
  });
});
