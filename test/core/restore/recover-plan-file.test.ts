import { spawn } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planRecoveryAt, applyRecoveryPlan, locateLog } from '../../../core/inspector/use-cases/recovery.js';
import { applyPlanFileAt, planRecoveryFile, writePlanFile } from '../../../core/inspector/use-cases/recovery-plan-file.js';
import { applyRestorePlan } from '../../../core/restore/apply-restore.js';
import { readAnyPlanFile } from '../../../core/restore/plan-file.js';
import { deletedData, documentText, liveData, treeSnapshot, type TestStore } from '../store/store-fixture.js';
import { laggingStore as laggingStoreOf } from './restore-fixture.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

/** A collection whose files lag its log (restore-fixture's laggingStore). */
async function laggingStore(): Promise<TestStore> {
  const s = await laggingStoreOf(300, 20, 10);
  stores.push(s);
  return s;
}

async function planFile(s: TestStore): Promise<string> {
  const file = join(s.root, 'recover.plan.json');
  const { plan } = await planRecoveryFile(await locateLog(s.collDir, {}), { store: s.collDir, mode: 'force' });
  await writePlanFile(file, plan);
  return file;
}

/** What recovering a copy of the same store directly (no plan file) leaves: live and soft-deleted data. */
async function directly(s: TestStore): Promise<{ live: Record<string, string>; deleted: Record<string, string> }> {
  const copy = join(s.root, 'copy');
  await cp(s.storeDir, copy, { recursive: true });
  const dir = join(copy, 'data', 'users');
  const { held } = await planRecoveryAt(await locateLog(dir, {}), { store: dir, mode: 'force' });
  await applyRecoveryPlan(held, { backup: false });
  return { live: await liveData(dir), deleted: await deletedData(dir) };
}

const noBackups = { skip: (rel: string) => rel.startsWith('.backups') };

describe('recover --plan-out plan files', () => {
  it('hold the recovery as exact operations with log and document digests; apply leaves what a direct recovery leaves', async () => {
    const s = await laggingStore();
    const expected = await directly(s);
    const file = await planFile(s);
    const plan = await readAnyPlanFile(file);
    expect(plan.kind).toBe('recover');
    expect(plan.logs).toEqual([expect.objectContaining({ file: join(s.walDir, 'transactions.wal'), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    expect(new Set(plan.operations.map((o) => o.action))).toEqual(new Set(['replace', 'delete']));
    expect(plan.operations.some((o) => o.action === 'replace' && o.trash !== undefined && o.live_text !== null)).toBe(true);
    const done = await applyPlanFileAt(plan, { planFile: file });
    expect(done).toMatchObject({ kind: 'recover', applied: { written: plan.operations.length, already_done: 0, plan_file: file } });
    expect({ live: await liveData(s.collDir), deleted: await deletedData(s.collDir) }).toEqual(expected);
    // Nothing is left for a recovery to do.
    const again = await planRecoveryAt(await locateLog(s.collDir, {}), { store: s.collDir, mode: 'force' });
    expect(again.preview.changes).toEqual([]);
  });

  it('a tampered log: PLAN_STALE naming the segment, nothing written', async () => {
    const s = await laggingStore();
    const file = await planFile(s);
    const seg = join(s.walDir, 'transactions.wal');
    const bytes = await readFile(seg);
    bytes[200] = bytes[200]! ^ 0x01;
    await writeFile(seg, bytes);
    const before = await treeSnapshot(s.collDir);
    await expect(applyRestorePlan(await readAnyPlanFile(file))).rejects.toMatchObject({ code: 'PLAN_STALE', context: { file: seg } });
    expect(await treeSnapshot(s.collDir)).toEqual(before);
  });

  it('a changed document: STORE_CHANGED naming its file, nothing written', async () => {
    const s = await laggingStore();
    const file = await planFile(s);
    const doc = join(s.collDir, 'e3.json');
    await writeFile(doc, await documentText('e3', '{"edited":1}'));
    const before = await treeSnapshot(s.collDir);
    await expect(applyRestorePlan(await readAnyPlanFile(file))).rejects.toMatchObject({ code: 'STORE_CHANGED', context: { file: doc, documentId: 'e3' } });
    expect(await treeSnapshot(s.collDir)).toEqual(before);
  });

  it('a document created since the plan (where the plan writes a new one): STORE_CHANGED', async () => {
    const s = await laggingStore();
    const file = await planFile(s);
    const doc = join(s.collDir, 'd0.json');
    await writeFile(doc, await documentText('d0', '{"someone":"else"}'));
    await expect(applyRestorePlan(await readAnyPlanFile(file))).rejects.toMatchObject({ code: 'STORE_CHANGED', context: { file: doc } });
  });

  it('applied twice: the second apply finds every operation done and changes nothing', async () => {
    const s = await laggingStore();
    const file = await planFile(s);
    const plan = await readAnyPlanFile(file);
    await applyRestorePlan(plan);
    const after = await treeSnapshot(s.collDir, noBackups);
    const second = await applyRestorePlan(await readAnyPlanFile(file));
    expect(second).toMatchObject({ written: 0, already_done: plan.operations.length, backups: [] });
    expect(await treeSnapshot(s.collDir, noBackups)).toEqual(after);
  });

  it('stopped part-way, the same plan resumes where it stopped', async () => {
    const s = await laggingStore();
    const expected = await directly(s);
    const file = await planFile(s);
    const stop = new Error('stopped');
    await expect(applyRestorePlan(await readAnyPlanFile(file), { afterWrite: (n) => { if (n === 40) throw stop; } })).rejects.toMatchObject({ code: 'APPLY_FAILED' });
    const resumed = await applyRestorePlan(await readAnyPlanFile(file));
    expect(resumed.already_done).toBeGreaterThanOrEqual(40);
    expect({ live: await liveData(s.collDir), deleted: await deletedData(s.collDir) }).toEqual(expected);
  });

  it('killed with SIGKILL mid-apply, the same plan resumes and finishes', async () => {
    const s = await laggingStore();
    const expected = await directly(s);
    const file = await planFile(s);
    const total = (await readAnyPlanFile(file)).operations.length;
    const child = spawn('npx', ['tsx', join(import.meta.dirname, 'apply-child.ts'), file], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const killed = await new Promise<boolean>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('wrote 50')) process.kill(-child.pid!, 'SIGKILL');
      });
      child.on('error', reject);
      child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL' && !out.includes('done')));
    });
    expect(killed).toBe(true);
    const partly = await liveData(s.collDir);
    expect(partly).not.toEqual(expected.live);
    const resumed = await applyRestorePlan(await readAnyPlanFile(file));
    expect(resumed.already_done).toBeGreaterThanOrEqual(50);
    expect(resumed.written).toBeGreaterThan(0);
    expect(resumed.written + resumed.already_done).toBe(total);
    expect({ live: await liveData(s.collDir), deleted: await deletedData(s.collDir) }).toEqual(expected);
  }, 60_000);
});
