import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WalWriter } from '../../../../core/wal/writer/index.js';
import { acquireWriterLock, inspectWriterLock, WRITER_LOCK_NAME } from '../../../../core/wal/writer/writer-lock.js';
import { makeEntries, tempDir, walBytes } from '../compression/wal-bytes.js';
import { startAppender, type AppendProcess } from './append-process.js';
import { readBack } from './read-back.js';

let dir: string;
let cleanup: () => Promise<void>;
const children: AppendProcess[] = [];
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('wal-writer-lock-'));
});
afterEach(async () => {
  while (children.length) await children.pop()!.kill();
  await cleanup();
});

/** The pid of a process that has exited (so no process has it, until the OS reuses it). */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

const lockOf = (pid: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ pid, host: hostname(), token: 'feedfacefeedface', since: '2025-01-01T00:00:00.000Z', role: 'writer', ...extra }) + '\n';

describe('the writer lock', () => {
  it('is held while the writer is open and removed by close', async () => {
    const w = await WalWriter.open(dir, { compression: 'none' });
    const seen = await inspectWriterLock(dir);
    expect(seen).toMatchObject({ state: 'held', owner: { pid: process.pid, role: 'writer' } });
    await w.close();
    expect(await inspectWriterLock(dir)).toEqual({ state: 'free' });
    expect(await readdir(dir)).toEqual(['transactions.wal']);
  });

  it('refuses a second writer in the same process with LOCKED, naming the holder', async () => {
    const w = await WalWriter.open(dir, { compression: 'none' });
    await expect(WalWriter.open(dir, { compression: 'none' })).rejects.toMatchObject({
      code: 'LOCKED', message: expect.stringContaining(`process ${process.pid}`),
    });
    await w.close();
    const again = await WalWriter.open(dir, { compression: 'none' });
    await again.close();
  });

  it('refuses while a writer in another process holds it; takes it over once that process was killed', async () => {
    const child = await startAppender(dir, 'writer');
    children.push(child);
    await child.appendOne();
    await expect(WalWriter.open(dir, { compression: 'none' })).rejects.toMatchObject({
      code: 'LOCKED', message: expect.stringContaining(`process ${child.pid}`),
    });
    await child.kill();
    // SIGKILL: the child could not remove its lock; it is stale now.
    expect(await inspectWriterLock(dir)).toMatchObject({ state: 'stale', owner: { pid: child.pid } });
    const w = await WalWriter.open(dir, { compression: 'none' });
    await w.appendMany(makeEntries(2, 40));
    await w.close();
    expect((await readBack(dir))[0]!.entries).toHaveLength(4);
  });

  it('breaks the lock of a process that no longer runs, and of a reused pid (another start time)', async () => {
    await writeFile(join(dir, WRITER_LOCK_NAME), lockOf(deadPid()));
    const w = await WalWriter.open(dir, { compression: 'none' });
    await w.close();
    if (process.platform === 'linux') {
      // Our own parent runs, but it is not the process that wrote this lock (its start time differs).
      await writeFile(join(dir, WRITER_LOCK_NAME), lockOf(process.ppid, { procStart: '1' }));
      expect(await inspectWriterLock(dir)).toMatchObject({ state: 'stale' });
      await (await WalWriter.open(dir, { compression: 'none' })).close();
    }
  });

  it('never removes a lock that is not its own on close', async () => {
    const w = await WalWriter.open(dir, { compression: 'none' });
    const other = lockOf(process.ppid);
    await writeFile(join(dir, WRITER_LOCK_NAME), other);
    await w.close();
    expect(await readFile(join(dir, WRITER_LOCK_NAME), 'utf8')).toBe(other);
  });

  it('a file that is not a lock of ours is treated as held (a person must remove it)', async () => {
    await writeFile(join(dir, WRITER_LOCK_NAME), 'garbage');
    await expect(acquireWriterLock(dir, 'checkpoint')).rejects.toMatchObject({ code: 'LOCKED', message: expect.stringContaining('not a lock of ours') });
  });
});

describe('stray compression temporaries', () => {
  it('a compression killed mid-way leaves its temporary; the next writer removes it', async () => {
    // A rotated segment big enough that brotli takes a while on it.
    const segment = join(dir, 'transactions.1700000000.wal');
    await writeFile(segment, walBytes(makeEntries(40_000, 41)));
    const child = await startAppender(segment, 'compress');
    children.push(child);
    let temps: string[] = [];
    for (let i = 0; i < 500 && temps.length === 0; i++) {
      temps = (await readdir(dir)).filter((n) => n.endsWith('.tmp'));
      if (temps.length === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await child.kill();
    expect(temps).toHaveLength(1);
    expect(await readdir(dir)).toContain(temps[0]);
    const w = await WalWriter.open(dir, { compression: 'none' });
    expect(w.strayTempsRemoved).toBe(1);
    await w.close();
    expect((await readdir(dir)).sort()).toEqual(['transactions.1700000000.wal', 'transactions.wal']);
  });

  it('unmarked ones of earlier versions go too; live processes\' temporaries and other dot files stay', async () => {
    const stray = ['.transactions.1700000000.wal.zst.0123456789ab.tmp', `.transactions.1700000000-2.wal.gz.wal-inspector-tmp-${deadPid()}-ba9876543210.tmp`];
    const others = ['.transactions.wal.0123456789ab.tmp', `.transactions.1700000001.wal.zst.wal-inspector-tmp-${process.ppid}-ba9876543210.tmp`, '.notes', 'transactions.1700000000.wal'];
    for (const name of [...stray, ...others]) await writeFile(join(dir, name), 'x');
    const w = await WalWriter.open(dir, { compression: 'none' });
    expect(w.strayTempsRemoved).toBe(2);
    await w.close();
    expect((await readdir(dir)).sort()).toEqual([...others, 'transactions.wal'].sort());
  });

  it('are left alone while another writer holds the directory', async () => {
    const child = await startAppender(dir, 'writer');
    children.push(child);
    const temp = '.transactions.1700000000.wal.zst.0123456789ab.tmp';
    await writeFile(join(dir, temp), 'x');
    await expect(WalWriter.open(dir, { compression: 'none' })).rejects.toMatchObject({ code: 'LOCKED' });
    expect(await readdir(dir)).toContain(temp);
  });
});
