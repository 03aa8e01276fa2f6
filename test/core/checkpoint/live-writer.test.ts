import { appendFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyCompaction } from '../../../core/checkpoint/compact-apply.js';
import { planCompaction } from '../../../core/checkpoint/compact-plan.js';
import type { CompactOptions } from '../../../core/checkpoint/checkpoint-types.js';
import { findOpenWriters, type WriterCheckFn } from '../../../core/checkpoint/open-writers.js';
import { entryText } from '../../../core/wal/log-entry.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import { startAppender, type AppendProcess } from '../wal/writer/append-process.js';
import { begin, commit, del, ins, makeStore, treeSnapshot, upd, walBytes, type TestStore } from '../store/store-fixture.js';

const stores: TestStore[] = [];
const children: AppendProcess[] = [];
afterEach(async () => {
  while (children.length) await children.pop()!.kill();
  while (stores.length) await stores.pop()!.cleanup();
});

const NOW = 1_800_000_000;
const linux = process.platform === 'linux';

async function consistent(): Promise<TestStore> {
  const s = await makeStore({ a: '{"v":2}' }, [ins('a', '{"v":1}'), upd('a', '{"v":2}'), ins('b', '{}'), del('b')], { deleted: { b: '{}' } });
  stores.push(s);
  return s;
}

async function appender(s: TestStore, mode: 'raw' | 'writer', everyMs?: number): Promise<AppendProcess> {
  const child = await startAppender(s.walDir, mode, everyMs);
  children.push(child);
  return child;
}

/** Sequence numbers of the child's appends that the chain holds whole (Begin and Commit). */
async function appendsInLog(collDir: string): Promise<number[]> {
  const out: number[] = [];
  for await (const r of readLog(await locateLog(collDir))) {
    if (r.kind === 'entry' && r.entry.entryType === 'Commit') {
      const m = /^seq-(\d+)$/.exec(entryText(r.entry).documentId);
      if (m) out.push(Number(m[1]));
    }
  }
  return out;
}

/** As on macOS or Windows: no process listing, nothing found. `onCall` sees each check. */
function noProcessListing(onCall: (files: readonly string[]) => Promise<void> = async () => {}): WriterCheckFn {
  return async (files) => {
    await onCall(files);
    return { method: 'unavailable', writers: [], unreadable: 0 };
  };
}

/** plan + apply as `checkpoint --compact --yes` does; what became of it. */
async function compact(s: TestStore, options: CompactOptions = {}): Promise<{ refused: string | null; error?: { code: string; message: string }; sealed?: string | null }> {
  const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW, ...options });
  if (plan.refused) return { refused: plan.refused };
  try {
    const r = await applyCompaction(plan, options);
    return { refused: null, sealed: r.sealed };
  } catch (err) {
    return { refused: null, error: err as { code: string; message: string } };
  }
}

describe.skipIf(!linux)('a live writer in another process (Linux: /proc/*/fd)', () => {
  it('appending with fsync every 300 ms: compaction is refused and every acknowledged append stays in the log', async () => {
    const s = await consistent();
    const child = await appender(s, 'raw', 300);
    await child.waitForAcks(2);
    const outcome = await compact(s, { compression: 'gzip' });
    await child.waitForAcks(child.acked.length + 4);
    await child.kill();
    expect(outcome.refused).toMatch(new RegExp(`process ${child.pid} \\(node\\) has .*transactions\\.wal open for writing`));
    expect(await appendsInLog(s.collDir)).toEqual(expect.arrayContaining(child.acked));
    expect(await readdir(s.walDir)).toEqual(['transactions.wal']);
  });

  it('apply checks again right before the rename: a writer that opened the log after the preview stops it', async () => {
    const s = await consistent();
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW, compression: 'zstd' });
    expect(plan.refused).toBeNull();
    expect(plan.writerCheck).toBe('proc');
    const child = await appender(s, 'raw');
    const snap = await treeSnapshot(s.walDir);
    await expect(applyCompaction(plan)).rejects.toMatchObject({ code: 'LOG_IN_USE', message: expect.stringContaining(`process ${child.pid}`), context: { pid: child.pid } });
    expect(await treeSnapshot(s.walDir)).toEqual(snap);
    const seq = await child.appendOne();
    await child.kill();
    expect(await appendsInLog(s.collDir)).toEqual([seq]);
  });

  it('a process that only reads the log (a follower) does not block it', async () => {
    const s = await consistent();
    const { spawn } = await import('node:child_process');
    const tail = spawn('tail', ['-f', join(s.walDir, 'transactions.wal')], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 200));
      const seen = await findOpenWriters([join(s.walDir, 'transactions.wal')]);
      expect(seen.method).toBe('proc');
      expect(seen.writers).toEqual([]);
      expect((await compact(s)).sealed).toBe(`transactions.${NOW}.wal`);
    } finally {
      tail.kill('SIGKILL');
    }
  });
});

describe('our own writer in another process (its lock; also where there is no /proc)', () => {
  it('the preview is refused, naming the writer\'s process', async () => {
    const s = await consistent();
    const child = await appender(s, 'writer');
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW, checkWriters: noProcessListing() });
    expect(plan.writerCheck).toBe('unavailable');
    expect(plan.blockers).toEqual([expect.objectContaining({ kind: 'log-in-use', description: expect.stringContaining(`a writer in process ${child.pid}`) })]);
    expect(plan.refused).toContain(`process ${child.pid}`);
  });

  it('a writer that started after the preview: apply cannot take the lock and changes nothing', async () => {
    const s = await consistent();
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW, checkWriters: noProcessListing() });
    expect(plan.refused).toBeNull();
    const child = await appender(s, 'writer');
    const snap = await treeSnapshot(s.walDir);
    await expect(applyCompaction(plan, { checkWriters: noProcessListing() })).rejects.toMatchObject({ code: 'LOG_IN_USE', context: { file: s.walDir, pid: child.pid } });
    expect(await treeSnapshot(s.walDir)).toEqual(snap);
    await child.kill();
  });
});

describe('the second wall: files that changed after they were read are never removed', () => {
  it('a writer no check could see appends while the sealed segment is compressed: it is kept whole, uncompressed', async () => {
    const s = await consistent();
    const child = await appender(s, 'raw');
    const sealedPath = join(s.walDir, `transactions.${NOW}.wal`);
    let acked: number | undefined;
    // No process listing (as on macOS): the invisible writer appends right after the rename.
    const check = noProcessListing(async (files) => {
      if (files.includes(sealedPath) && acked === undefined) acked = await child.appendOne();
    });
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW, compression: 'zstd', checkWriters: check });
    expect(plan.refused).toBeNull();
    const r = await applyCompaction(plan, { checkWriters: check });
    await child.kill();
    expect(acked).toBe(1);
    expect(r.sealed).toBe(`transactions.${NOW}.wal`);
    expect(r.kept).toEqual([{ file: `transactions.${NOW}.wal`, reason: expect.stringContaining('changed while it was sealed') }]);
    expect((await readdir(s.walDir)).sort()).toEqual([`transactions.${NOW}.wal`, 'transactions.wal']);
    expect(await appendsInLog(s.collDir)).toEqual([1]);
  });

  it('a sealed segment written to after the preview is not removed', async () => {
    const s = await consistent();
    const old = `transactions.${NOW - 100}.wal`;
    await appendFile(join(s.walDir, old), walBytes([]));
    const plan = await planCompaction(await locateLog(s.collDir), { nowSecs: () => NOW, keep: 1 });
    expect(plan.remove.map((r) => r.segment)).toEqual([old]);
    const tx = 'tx' + '9'.repeat(30);
    await appendFile(join(s.walDir, old), walBytes([begin(tx), commit(tx)]));
    const r = await applyCompaction(plan);
    expect(r.removed).toEqual([]);
    expect(r.kept).toEqual([{ file: old, reason: expect.stringContaining('changed after it was read') }]);
    expect(await readdir(s.walDir)).toContain(old);
  });
});
