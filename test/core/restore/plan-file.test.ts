import { spawn } from 'node:child_process';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRestoreAt, planRestoreAt } from '../../../core/inspector/use-cases/restore.js';
import { applyRestorePlan } from '../../../core/restore/apply-restore.js';
import { readPlanFile, writePlanFile } from '../../../core/restore/plan-file.js';
import { documentText, liveData, treeSnapshot, type TestStore } from '../store/store-fixture.js';
import { D, I, T0, U, type Step } from '../history/history-fixture.js';
import { storeWith } from './restore-fixture.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

const N = 400;
/** N documents inserted at 1 and changed at 5: a restore until 2 rewrites every one. */
async function manyStore(): Promise<TestStore> {
  const steps: Step[] = [];
  const docs: Record<string, string> = {};
  for (let i = 0; i < N; i++) {
    steps.push(I(`d${i}`, `{"v":${i}}`, { at: 1 }));
    steps.push(i % 2 ? U(`d${i}`, `{"v":${i},"bad":true}`, { at: 5 }) : D(`d${i}`, { at: 5 }));
    if (i % 2) docs[`d${i}`] = `{"bad":true,"v":${i}}`;
  }
  const s = await storeWith(docs, steps);
  stores.push(s);
  return s;
}
const until = String(T0 + 2n);

async function planFile(s: TestStore): Promise<string> {
  const file = join(s.root, 'restore.plan.json');
  await writePlanFile(file, await planRestoreAt({ store: s.collDir, until, plan_out: true }));
  return file;
}

/** Every document as it was at 2. */
function expected(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < N; i++) out[`d${i}`] = `{"v":${i}}`;
  return out;
}

describe('plan files', () => {
  it('hold a digest of every log byte range read and every document file, and apply exactly', async () => {
    const s = await manyStore();
    const file = await planFile(s);
    const plan = await readPlanFile(file);
    expect(plan.logs).toEqual([expect.objectContaining({ file: join(s.walDir, 'transactions.wal'), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    expect(plan.operations).toHaveLength(N);
    expect(plan.operations.filter((o) => o.action === 'write').every((o) => o.live_sha256 === null || /^[0-9a-f]{64}$/.test(o.live_sha256))).toBe(true);
    const done = await applyRestoreAt(plan, { planFile: file });
    expect(done.applied).toMatchObject({ written: N, already_done: 0, plan_file: file });
    expect(await liveData(s.collDir)).toEqual(expected());
  });

  it('--plan-out never overwrites a file', async () => {
    const s = await manyStore();
    const file = await planFile(s);
    await expect(writePlanFile(file, await readPlanFile(file))).rejects.toMatchObject({ code: 'DESTINATION_EXISTS', context: { file } });
  });

  it('a tampered log: refused, naming the segment, nothing written', async () => {
    const s = await manyStore();
    const file = await planFile(s);
    const seg = join(s.walDir, 'transactions.wal');
    const bytes = await readFile(seg);
    bytes[100] = bytes[100]! ^ 0xff;
    await writeFile(seg, bytes);
    const before = await treeSnapshot(s.collDir);
    await expect(applyRestorePlan(await readPlanFile(file))).rejects.toMatchObject({ code: 'PLAN_STALE', context: { file: seg } });
    expect(await treeSnapshot(s.collDir)).toEqual(before);
  });

  it('a log that only grew since the plan is still the log the plan read', async () => {
    const s = await manyStore();
    const file = await planFile(s);
    await appendFile(join(s.walDir, 'transactions.wal'), Buffer.alloc(10));
    await expect(applyRestorePlan(await readPlanFile(file))).resolves.toMatchObject({ written: N });
  });

  it('a changed document: refused, naming its file, nothing written', async () => {
    const s = await manyStore();
    const file = await planFile(s);
    const doc = join(s.collDir, 'd7.json');
    await writeFile(doc, await documentText('d7', '{"edited":1}'));
    const before = await treeSnapshot(s.collDir);
    await expect(applyRestorePlan(await readPlanFile(file))).rejects.toMatchObject({ code: 'STORE_CHANGED', context: { file: doc, documentId: 'd7' } });
    expect(await treeSnapshot(s.collDir)).toEqual(before);
  });

  it('a damaged or foreign plan file is INVALID_PLAN naming it', async () => {
    const s = await manyStore();
    const file = await planFile(s);
    const plan = JSON.parse(await readFile(file, 'utf8'));
    plan.operations[0].document_id = '../../etc/passwd';
    const bad = join(s.root, 'bad.plan.json');
    await writeFile(bad, JSON.stringify(plan));
    await expect(applyRestorePlan(await readPlanFile(bad), { planFile: bad })).rejects.toMatchObject({ code: 'INVALID_PLAN', context: { file: bad } });
    await writeFile(bad, '{"format":"something else"}');
    await expect(readPlanFile(bad)).rejects.toMatchObject({ code: 'INVALID_PLAN', context: { file: bad } });
  });

  it('applied twice: the second apply finds every operation done and changes nothing; a new plan is empty', async () => {
    const s = await manyStore();
    const file = await planFile(s);
    await applyRestorePlan(await readPlanFile(file));
    const after = await treeSnapshot(s.collDir, { skip: (rel) => rel.startsWith('.backups') });
    const second = await applyRestorePlan(await readPlanFile(file));
    expect(second).toMatchObject({ written: 0, already_done: N, backups: [] });
    expect(await treeSnapshot(s.collDir, { skip: (rel) => rel.startsWith('.backups') })).toEqual(after);
    expect((await planRestoreAt({ store: s.collDir, until })).operations).toEqual([]);
  });

  it('stopped part-way, the same plan resumes where it stopped', async () => {
    const s = await manyStore();
    const file = await planFile(s);
    const stop = new Error('stopped');
    await expect(applyRestorePlan(await readPlanFile(file), { afterWrite: (n) => { if (n === 50) throw stop; } })).rejects.toMatchObject({ code: 'APPLY_FAILED' });
    const resumed = await applyRestorePlan(await readPlanFile(file));
    expect(resumed.already_done).toBeGreaterThanOrEqual(50);
    expect(resumed.written + resumed.already_done).toBe(N);
    expect(await liveData(s.collDir)).toEqual(expected());
  });

  it('killed with SIGKILL mid-apply, the same plan resumes and finishes', async () => {
    const s = await manyStore();
    const file = await planFile(s);
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
    const partly = Object.entries(await liveData(s.collDir)).filter(([id, data]) => data === `{"v":${id.slice(1)}}`).length;
    expect(partly).toBeGreaterThan(0);
    expect(partly).toBeLessThan(N);
    const resumed = await applyRestorePlan(await readPlanFile(file));
    expect(resumed.already_done).toBeGreaterThanOrEqual(50);
    expect(resumed.written).toBeGreaterThan(0);
    expect(resumed.written + resumed.already_done).toBe(N);
    expect(await liveData(s.collDir)).toEqual(expected());
  }, 60_000);
});
