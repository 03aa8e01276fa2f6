import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRecovery } from '../../../core/recovery/apply-recovery.js';
import { RECOVERY_LOCK } from '../../../core/recovery/recovery-lock.js';
import { FsCollection } from '../../../core/store/fs-collection.js';
import { runCliCaptured } from '../../support/run-cli-in-process.js';
import { deletedData, ins, liveData, makeStore, upd, type EntrySpec, type TestStore } from '../store/store-fixture.js';
import { planOn, replayInOrder } from './recover-helper.js';

const CHILD = join(import.meta.dirname, 'sigkill-child.ts');
const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

async function store(n: number): Promise<TestStore> {
  const docs: Record<string, string> = {};
  const log: EntrySpec[] = [];
  for (let i = 0; i < n; i++) {
    docs[`d${i}`] = JSON.stringify({ i });
    log.push(upd(`d${i}`, JSON.stringify({ i, v: 2, pad: 'x'.repeat(200) })), ins(`n${i}`, JSON.stringify({ n: i })));
  }
  const s = await makeStore(docs, log);
  stores.push(s);
  return s;
}

const state = async (dir: string) => ({ live: await liveData(dir), deleted: await deletedData(dir) });

// Issue 10, item 4: two recoveries of one store both applied; the error named no file.
describe('one recovery at a time per collection', () => {
  it('two applies racing in one process: one applies, the other is refused with LOCKED naming the lock and its holder', async () => {
    const s = await store(200);
    const expected = await replayInOrder(s.collDir, 'safe');
    const [p1, p2] = [await planOn(s, 'safe'), await planOn(s, 'safe')];
    const results = await Promise.allSettled([
      applyRecovery(p1, await FsCollection.open(s.collDir)), applyRecovery(p2, await FsCollection.open(s.collDir)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as Error & { code: string; context: { file: string; pid: number } };
    const lock = join(s.collDir, RECOVERY_LOCK);
    expect(refused).toMatchObject({ code: 'LOCKED', context: { file: lock, pid: process.pid } });
    expect(refused.message).toContain(lock);
    expect(refused.message).toContain(`process ${process.pid} on ${hostname()}`);
    expect(await state(s.collDir)).toEqual(expected);
    expect((await planOn(s, 'safe')).changes).toEqual([]);
    expect(existsSync(lock)).toBe(false);
  });

  it('two processes: while one applies, the other is refused naming the process that holds the lock; the first finishes the work', async () => {
    const s = await store(400);
    const expected = await replayInOrder(s.collDir, 'force');
    const plan = await planOn(s, 'force');
    const lock = join(s.collDir, RECOVERY_LOCK);
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, s.collDir, 'force'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    while (!existsSync(lock) && child.exitCode === null) await new Promise((r) => setImmediate(r));
    const err = await applyRecovery(plan, await FsCollection.open(s.collDir)).catch((e: unknown) => e);
    expect(await exited).toBe(0);
    expect(out).toMatch(/done \d+/);
    expect(err).toMatchObject({ code: 'LOCKED', context: { file: lock, pid: child.pid } });
    expect((err as Error).message).toContain(`held by process ${child.pid} on ${hostname()}`);
    expect(await state(s.collDir)).toEqual(expected);
    expect((await planOn(s, 'force')).changes).toEqual([]);
    expect((await readdir(s.collDir)).filter((n) => n.startsWith(RECOVERY_LOCK))).toEqual([]);
  }, 60_000);

  it('the CLI says who holds the lock (exit 2); a lock left by a process that is gone is taken over', async () => {
    const s = await store(3);
    const lock = join(s.collDir, RECOVERY_LOCK);
    const sleeper = spawn('sleep', ['30']);
    try {
      await writeFile(lock, JSON.stringify({ pid: sleeper.pid, host: hostname(), tool: 'wal-inspector recover', started_at: '2025-01-01T00:00:00.000Z', token: 'abc' }));
      const held = await runCliCaptured(['recover', s.collDir, '--store', s.collDir, '--mode', 'safe', '--yes']);
      expect(held.code).toBe(2);
      expect(held.stderr).toContain(`${lock} is held by process ${sleeper.pid} on ${hostname()} (wal-inspector recover, since 2025-01-01T00:00:00.000Z)`);
      expect(await liveData(s.collDir)).toEqual({ d0: '{"i":0}', d1: '{"i":1}', d2: '{"i":2}' });
    } finally {
      sleeper.kill('SIGKILL');
    }
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await writeFile(lock, JSON.stringify({ pid: Number(gone.stdout), host: hostname(), tool: 'wal-inspector recover', started_at: 'x', token: 'def' }));
    const taken = await runCliCaptured(['recover', s.collDir, '--store', s.collDir, '--mode', 'safe', '--yes', '--no-backup']);
    expect(taken.code).toBe(0);
    expect(existsSync(lock)).toBe(false);
    expect(JSON.parse(await readFile(join(s.collDir, 'n0.json'), 'utf8')).data).toEqual({ n: 0 });
  });
});
