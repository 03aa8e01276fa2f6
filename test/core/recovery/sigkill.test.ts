import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toCompactText } from '../../../core/json/index.js';
import { applyRecovery } from '../../../core/recovery/apply-recovery.js';
import { parseDocumentFile } from '../../../core/store/document-file.js';
import { FsCollection } from '../../../core/store/fs-collection.js';
import { del, ins, makeStore, upd, type EntrySpec, type TestStore } from '../store/store-fixture.js';
import { planOn } from './recover-helper.js';

const CHILD = join(import.meta.dirname, 'sigkill-child.ts');
const KILLS_PER_MODE = 6;
const PARALLEL = 3;

function bigStore(): Promise<TestStore> {
  const docs: Record<string, string> = {};
  const log: EntrySpec[] = [];
  for (let i = 0; i < 300; i++) docs[`d${i}`] = JSON.stringify({ i, name: `doc ${i}`, tags: ['a', 'b'] });
  for (let i = 0; i < 300; i++) {
    if (i % 3 === 0) log.push(upd(`d${i}`, JSON.stringify({ i, name: `doc ${i}`, tags: ['a', 'b'], v: 2 })));
    if (i % 5 === 0) log.push(del(`d${i}`));
    log.push(ins(`n${i}`, JSON.stringify({ n: i, text: 'x'.repeat(300) })));
    if (i % 2 === 0) log.push(upd(`n${i}`, JSON.stringify({ n: i, text: 'x'.repeat(300), more: [1, 2.5] })));
    if (i % 7 === 0) log.push(ins(`gone${i}`, '{}'), del(`gone${i}`));
  }
  return makeStore(docs, log);
}

/** Every document file (live and soft-deleted) must parse whole; returns their data by path. */
async function documents(collDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const sub of ['', '.deleted']) {
    let names: string[];
    try {
      names = await readdir(join(collDir, sub));
    } catch {
      continue;
    }
    for (const n of names) {
      if (!n.endsWith('.json') || n.startsWith('.')) continue;
      const parsed = parseDocumentFile(await readFile(join(collDir, sub, n)), n.slice(0, -5));
      if (!parsed.ok) throw new Error(`${sub}/${n} is not a whole document: ${parsed.message}`);
      out[join(sub, n)] = toCompactText(parsed.document.data);
    }
  }
  return out;
}

async function temporaries(collDir: string): Promise<string[]> {
  const names = [...(await readdir(collDir)), ...(await readdir(join(collDir, '.deleted')).catch(() => []))];
  return names.filter((n) => n.includes('.wal-inspector-tmp-'));
}

/** True while any process of the group `pgid` is alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function groupGone(pgid: number): Promise<void> {
  for (let i = 0; i < 500 && groupAlive(pgid); i++) await new Promise((r) => setTimeout(r, 10));
}

/**
 * Runs the child (`npx tsx`, in its own process group: npx starts node as a grandchild);
 * unless `kill` is false, SIGKILLs the whole group at a random point after it starts writing.
 */
function runChild(collDir: string, mode: string, kill: boolean): Promise<{ killed: boolean; ms?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', CHILD, collDir, mode], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const pgid = child.pid!;
    let armed = kill;
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (armed && out.includes('applying')) {
        armed = false;
        timer = setTimeout(() => {
          killed = true;
          try {
            process.kill(-pgid, 'SIGKILL');
          } catch {
            // already finished
          }
        }, Math.random() * killWindow);
      }
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      void groupGone(pgid).then(() => {
        const ms = /done (\d+)/.exec(out)?.[1];
        if (ms !== undefined) resolve({ killed: false, ms: Number(ms) });
        else if (killed) resolve({ killed: true });
        else reject(new Error(`child exited ${code}: ${err}`));
      });
    });
  });
}

let killWindow = 500;
const temps: string[] = [];
afterAll(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true });
});

async function copyOf(source: TestStore): Promise<string> {
  const t = await mkdtemp(join(tmpdir(), 'wal-inspector-kill-'));
  temps.push(t);
  await cp(source.storeDir, join(t, 'store'), { recursive: true });
  return join(t, 'store', 'data', 'users');
}

describe('apply killed with SIGKILL at random points', () => {
  it.each(['force', 'safe'] as const)('%s: every document stays whole; re-running gives the uninterrupted result', async (mode) => {
    const initial = await bigStore();
    temps.push(initial.root);
    // The uninterrupted run: its duration aims the kills.
    const refDir = await copyOf(initial);
    const started = performance.now();
    await applyRecovery(await planOn({ collDir: refDir } as TestStore, mode), await FsCollection.open(refDir));
    killWindow = Math.max(50, (performance.now() - started) * 1.5);
    const expected = await documents(refDir);
    expect(Object.keys(expected).length).toBeGreaterThan(300);

    let killedMidway = 0;
    for (let wave = 0; wave < KILLS_PER_MODE / PARALLEL; wave++) {
      await Promise.all(Array.from({ length: PARALLEL }, async () => {
        const dir = await copyOf(initial);
        const run = await runChild(dir, mode, true);
        const afterKill = await documents(dir); // throws on a half-written document
        if (run.killed && JSON.stringify(afterKill) !== JSON.stringify(expected)) killedMidway++;
        // Re-run (in-process: the same plan + apply) to completion.
        const plan = await planOn({ collDir: dir } as TestStore, mode);
        await applyRecovery(plan, await FsCollection.open(dir));
        expect(await documents(dir)).toEqual(expected);
        expect(await temporaries(dir)).toEqual([]);
        expect((await planOn({ collDir: dir } as TestStore, mode)).changes).toEqual([]);
      }));
    }
    expect(killedMidway).toBeGreaterThan(0);
  }, 60_000);
});
