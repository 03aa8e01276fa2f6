import { lstat } from 'node:fs/promises';
import { WalError } from '../wal/wal-error.js';
import { acquireWriterLock, describeOwner, inspectWriterLock, type HeldLock } from '../wal/writer/writer-lock.js';
import { CheckpointError } from './checkpoint-error.js';
import type { CompactBlocker } from './checkpoint-types.js';
import { describeWriters, findOpenWriters, type WriterCheckFn } from './open-writers.js';

async function isLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Links among the WAL directory and the segments checkpoint would rename, compress or remove:
 * through a link it would write wherever the link points.
 */
async function linkBlockers(walDir: string, files: readonly string[]): Promise<CompactBlocker[]> {
  const out: CompactBlocker[] = [];
  for (const path of [walDir, ...files]) {
    if (await isLink(path)) out.push({ kind: 'symlink', description: `${path} is a symbolic link; checkpoint writes only in plain directories and files` });
  }
  return out;
}

/**
 * Before the plan: is the log written right now? A live holder of our writer lock, a process
 * with one of `files` open for writing (Linux), or a link in the way each block compaction.
 */
export async function guardBlockers(walDir: string, files: readonly string[], check: WriterCheckFn = findOpenWriters): Promise<{ blockers: CompactBlocker[]; method: 'proc' | 'unavailable' }> {
  const blockers = await linkBlockers(walDir, files);
  const lock = await inspectWriterLock(walDir);
  if (lock.state === 'held') blockers.push({ kind: 'log-in-use', description: describeOwner(walDir, lock.owner) });
  const seen = await check(files);
  if (seen.writers.length > 0) blockers.push({ kind: 'log-in-use', description: describeWriters(seen.writers) });
  return { blockers, method: seen.method };
}

export async function assertNoLinks(walDir: string, files: readonly string[]): Promise<void> {
  const found = await linkBlockers(walDir, files);
  if (found.length > 0) throw new CheckpointError('LINK_REFUSED', found.map((b) => b.description).join('; '), { file: walDir });
}

/** Right before a file is renamed or removed: nobody else may be writing it. */
export async function assertNoWriters(files: readonly string[], check: WriterCheckFn = findOpenWriters): Promise<void> {
  const seen = await check(files);
  if (seen.writers.length > 0) {
    throw new CheckpointError('LOG_IN_USE', `${describeWriters(seen.writers)}: nothing was sealed or removed; stop the writer, or checkpoint without --compact`, { file: seen.writers[0]!.file, pid: seen.writers[0]!.pid });
  }
}

/** Takes our writer lock for the compaction, so that no writer of ours starts in the middle of it. */
export async function lockForCompaction(walDir: string): Promise<HeldLock> {
  try {
    return await acquireWriterLock(walDir, 'checkpoint');
  } catch (err) {
    if (err instanceof WalError && err.code === 'LOCKED') {
      // The holder the lock names, while it still holds it (a holder gone since gives no pid).
      const seen = await inspectWriterLock(walDir).catch(() => null);
      const pid = seen?.state === 'held' && seen.owner ? { pid: seen.owner.pid } : {};
      throw new CheckpointError('LOG_IN_USE', `${err.message}: nothing was changed`, { file: walDir, ...pid, cause: err });
    }
    throw err;
  }
}
