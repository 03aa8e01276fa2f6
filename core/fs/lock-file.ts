import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fsyncDirectory, writeAll } from './atomic-file.js';
import { FsError, fsFailure } from './fs-error.js';
import { processAlive, processStartMark } from './process-info.js';
import { tempPathFor } from './temp-files.js';

/** Who holds a lock, as its file says. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly tool: string;
  readonly started_at: string;
  /** Tells our own lock from one that replaced it. */
  readonly token: string;
  /** Linux: the holder's start time, to tell it from a later process reusing its pid. */
  readonly start_mark?: string | null;
}

export interface HeldLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours. */
  release(): Promise<void>;
}

/** Thrown when another live process holds the lock; `holder` says who. */
export class LockHeldError extends FsError {
  constructor(readonly file: string, readonly holder: LockHolder | null) {
    super('IO_ERROR', holder
      ? `${file} is held by process ${holder.pid} on ${holder.host} (${holder.tool}, since ${holder.started_at})`
      : `${file} exists but does not say who holds it; remove it if no other run is going on`, { file });
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.token === 'string'
      ? { pid: h.pid, host: h.host, tool: String(h.tool ?? ''), started_at: String(h.started_at ?? ''), token: h.token, start_mark: typeof h.start_mark === 'string' ? h.start_mark : null }
      : null;
  } catch {
    return null;
  }
}

async function readHolder(file: string): Promise<LockHolder | null | 'gone'> {
  try {
    return parseHolder(await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw fsFailure(err, file, 'read lock');
  }
}

/** A holder is stale when it ran on this host and its process is gone (another host's we cannot judge). */
function isStale(h: LockHolder): boolean {
  return h.host === hostname() && !processAlive(h.pid, h.start_mark);
}

/**
 * Moves a stale lock aside, atomically (rename moves whatever is there at that instant); if
 * what moved turns out to be a live lock that replaced the stale one meanwhile, puts it back.
 */
async function breakStale(file: string, stale: LockHolder): Promise<void> {
  const aside = join(dirname(file), `.${basename(file)}.stale-${randomBytes(6).toString('hex')}`);
  try {
    await rename(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw fsFailure(err, file, 'remove stale lock');
  }
  const moved = await readHolder(aside);
  if (moved !== 'gone' && moved !== null && moved.token !== stale.token) await link(aside, file).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

/**
 * Takes an exclusive lock: creates `file` holding who we are, complete before it appears
 * (written to a temporary name, then hard-linked, which fails if the lock exists). A lock
 * left by a process that is gone (same host, pid not running) is broken and taken; a live
 * one throws LockHeldError naming its holder.
 */
export async function acquireLock(file: string, tool: string): Promise<HeldLock> {
  const holder: LockHolder = {
    pid: process.pid, host: hostname(), tool, started_at: new Date().toISOString(), token: randomBytes(8).toString('hex'),
    start_mark: processStartMark(process.pid),
  };
  const temp = tempPathFor(file);
  const fh = await open(temp, 'wx', 0o644).catch((err: unknown) => {
    throw fsFailure(err, file, 'create lock');
  });
  try {
    await writeAll(fh, Buffer.from(JSON.stringify(holder) + '\n'));
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(temp, file);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw fsFailure(err, file, 'create lock');
      }
      const current = await readHolder(file);
      if (current === 'gone') continue;
      if (current === null || !isStale(current) || attempt >= 3) throw new LockHeldError(file, current);
      await breakStale(file, current);
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await fsyncDirectory(dirname(file)).catch(() => undefined);
  return {
    file, holder,
    async release() {
      const current = await readHolder(file);
      if (current !== 'gone' && current?.token === holder.token) await unlink(file).catch(() => undefined);
    },
  };
}
