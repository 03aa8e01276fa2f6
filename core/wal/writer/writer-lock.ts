import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fsError, WalError } from '../wal-error.js';

/**
 * The advisory lock our writer holds on its WAL directory, so that a checkpoint in another
 * process of ours sees a live writer on every OS (Sentinel's own writer holds none: on Linux
 * checkpoint also looks for open descriptors, see core/checkpoint/open-writers.ts). A dot
 * name, which no segment scan picks up.
 */
export const WRITER_LOCK_NAME = '.wal-inspector-writer.lock';

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** Tells two holders with the same pid apart (one process, or a reused pid). */
  readonly token: string;
  readonly since: string;
  /** Linux: the process's start time in clock ticks (/proc/<pid>/stat field 22), so a reused pid is not taken for the owner. */
  readonly procStart?: string;
  /** Who holds it: 'writer' or 'checkpoint'. */
  readonly role: string;
}

/** Tokens of the locks this process holds (a second writer in the same process is refused too). */
const heldHere = new Set<string>();

async function procStart(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the lock's owner still runs. Another host's lock is taken as live: its pid means
 * nothing here (a network filesystem), and only a person can tell that writer is gone.
 */
export async function ownerAlive(owner: LockOwner): Promise<boolean> {
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return heldHere.has(owner.token);
  if (!pidAlive(owner.pid)) return false;
  if (owner.procStart === undefined) return true;
  const now = await procStart(owner.pid);
  return now === undefined || now === owner.procStart;
}

function parseOwner(text: string): LockOwner | null {
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.token === 'string') return v as LockOwner;
  } catch {
    // fall through: not ours, or damaged
  }
  return null;
}

export type LockInspection =
  | { readonly state: 'free' }
  | { readonly state: 'stale'; readonly owner: LockOwner; readonly text: string }
  | { readonly state: 'held'; readonly owner: LockOwner | null; readonly text: string };

/** Reads the lock of `walDir` without taking it. */
export async function inspectWriterLock(walDir: string): Promise<LockInspection> {
  const path = join(walDir, WRITER_LOCK_NAME);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'free' };
    throw fsError(err, path, 'read');
  }
  const owner = parseOwner(text);
  if (owner && !(await ownerAlive(owner))) return { state: 'stale', owner, text };
  return { state: 'held', owner, text };
}

export function describeOwner(walDir: string, owner: LockOwner | null): string {
  const path = join(walDir, WRITER_LOCK_NAME);
  if (!owner) return `${path} exists but is not a lock of ours; remove it if no writer uses this log`;
  return `${owner.role === 'checkpoint' ? 'a checkpoint' : 'a writer'} in process ${owner.pid} on ${owner.host} holds ${path} (since ${owner.since})`;
}

export interface HeldLock {
  readonly owner: LockOwner;
  release(): Promise<void>;
}

/** Writes the lock whole under a temporary name, then links it into place: link never replaces. */
async function create(path: string, owner: LockOwner): Promise<boolean> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.new`;
  const fh = await open(temp, 'wx', 0o644);
  try {
    await fh.writeFile(JSON.stringify(owner) + '\n');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await link(temp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/**
 * Moves a stale lock aside and removes it, unless what was moved is not the stale lock read
 * (another process broke it first and took the lock): that one is put back.
 */
async function breakStale(path: string, staleText: string): Promise<void> {
  const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = await readFile(aside, 'utf8');
  if (moved !== staleText) await link(aside, path).catch(() => undefined);
  await unlink(aside);
}

/**
 * Takes the lock of `walDir` for `role`, breaking a stale one (its process is gone); refuses
 * with WalError LOCKED while a live writer or checkpoint holds it.
 */
export async function acquireWriterLock(walDir: string, role: 'writer' | 'checkpoint'): Promise<HeldLock> {
  const path = join(walDir, WRITER_LOCK_NAME);
  const start = await procStart(process.pid);
  const owner: LockOwner = {
    pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex'), since: new Date().toISOString(),
    ...(start !== undefined ? { procStart: start } : {}), role,
  };
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      if (await create(path, owner)) {
        heldHere.add(owner.token);
        return { owner, release: () => releaseLock(path, owner) };
      }
      const seen = await inspectWriterLock(walDir);
      if (seen.state === 'held') throw new WalError('LOCKED', `${walDir}: ${describeOwner(walDir, seen.owner)}`, { file: path });
      if (seen.state === 'stale') await breakStale(path, seen.text);
    }
  } catch (err) {
    if (err instanceof WalError) throw err;
    throw fsError(err, path, 'take the writer lock');
  }
  throw new WalError('LOCKED', `${walDir}: the writer lock kept changing hands; try again`, { file: path });
}

async function releaseLock(path: string, owner: LockOwner): Promise<void> {
  heldHere.delete(owner.token);
  const text = await readFile(path, 'utf8').catch(() => null);
  // Only our own lock is removed (a person may have removed ours and another taken it).
  if (text !== null && parseOwner(text)?.token === owner.token) await unlink(path).catch(() => undefined);
}
