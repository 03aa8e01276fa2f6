import type { FileHandle } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DurabilityPolicy } from '../../../../core/wal/config.js';
import { WalWriter } from '../../../../core/wal/writer/index.js';
import { makeEntries, tempDir } from '../compression/wal-bytes.js';
import { readBack, same } from './read-back.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('wal-writer-d-'));
});
afterEach(() => cleanup());

/** Counts fsyncs; each takes `ms` so that appends pile up behind it, as on a real disk. */
function countingSync(ms = 2) {
  const hook = {
    calls: 0,
    sync: async (fh: FileHandle) => {
      hook.calls++;
      await new Promise((r) => setTimeout(r, ms));
      await fh.sync();
    },
  };
  return hook;
}

async function concurrentAppends(durability: DurabilityPolicy, n: number, sync = countingSync()) {
  const entries = makeEntries(n, 12);
  const w = await WalWriter.open(dir, { durability, compression: 'none', maxRecordsPerFile: null }, { sync: sync.sync });
  await Promise.all(entries.map((e) => w.append(e)));
  const calls = sync.calls;
  await w.close();
  return { entries, calls };
}

describe('durability policies', () => {
  it('group: 200 concurrent appends share fsyncs, every entry present and intact, in call order', async () => {
    const { entries, calls } = await concurrentAppends('group', 200);
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThan(200);
    const segs = await readBack(dir);
    expect(same(segs.flatMap((s) => s.entries), entries)).toBe(true);
  });

  it('group: appends arriving while an fsync runs share the next one', async () => {
    const sync = countingSync(20);
    const entries = makeEntries(60, 13);
    const w = await WalWriter.open(dir, { durability: 'group', compression: 'none', maxRecordsPerFile: null }, { sync: sync.sync });
    const waves: Promise<void>[] = [];
    for (let i = 0; i < 6; i++) {
      waves.push(...entries.slice(i * 10, i * 10 + 10).map((e) => w.append(e)));
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(waves);
    expect(sync.calls).toBeLessThanOrEqual(4);
    await w.close();
    expect(same((await readBack(dir)).flatMap((s) => s.entries), entries)).toBe(true);
  });

  it('group: an append resolves only after the fsync that covers it', async () => {
    let release!: () => void;
    let calls = 0;
    const gate = new Promise<void>((r) => (release = r));
    const w = await WalWriter.open(dir, { durability: 'group', compression: 'none' }, { sync: async () => { calls++; await gate; } });
    let done = false;
    const p = w.append(makeEntries(1, 14)[0]!).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toBe(1);
    expect(done).toBe(false);
    release();
    await p;
    expect(done).toBe(true);
    await w.close();
  });

  it('fsync: one fsync per append', async () => {
    const { entries, calls } = await concurrentAppends('fsync', 40, countingSync(0));
    expect(calls).toBe(40);
    expect(same((await readBack(dir)).flatMap((s) => s.entries), entries)).toBe(true);
  });

  it('none: never fsyncs on append, like the original; checkpoint does', async () => {
    const sync = countingSync(0);
    const entries = makeEntries(50, 15);
    const w = await WalWriter.open(dir, { durability: 'none', compression: 'none' }, { sync: sync.sync });
    await Promise.all(entries.map((e) => w.append(e)));
    expect(sync.calls).toBe(0);
    const cp = await w.checkpoint();
    expect(sync.calls).toBe(1);
    expect(cp).toEqual({ segment: 'transactions.wal', position: w.size(), entries: 50 });
    await w.close();
    expect(same((await readBack(dir)).flatMap((s) => s.entries), entries)).toBe(true);
  });

  it('a closed writer refuses appends with CLOSED; close is idempotent', async () => {
    const w = await WalWriter.open(dir, { compression: 'none' });
    const pending = w.append(makeEntries(1, 16)[0]!);
    const closed = w.close();
    await expect(w.append(makeEntries(1, 17)[0]!)).rejects.toMatchObject({ code: 'CLOSED' });
    await pending;
    await closed;
    await w.close();
    expect((await readBack(dir))[0]!.entries).toHaveLength(1);
  });
});

describe('fsync failure', () => {
  it('fails the appends it covered and every later one', async () => {
    let fail = false;
    const w = await WalWriter.open(dir, { durability: 'group', compression: 'none' }, {
      sync: async () => {
        if (fail) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
      },
    });
    await w.append(makeEntries(1, 30)[0]!);
    fail = true;
    await expect(w.append(makeEntries(1, 31)[0]!)).rejects.toMatchObject({ code: 'IO_ERROR' });
    fail = false;
    await expect(w.append(makeEntries(1, 32)[0]!)).rejects.toMatchObject({ code: 'IO_ERROR' });
    await w.close();
  });
});
