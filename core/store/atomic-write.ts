import { fsyncDirRaw } from '../fs/atomic-file.js';
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Our temporary files: a dot name (Sentinel and segment scans skip them) with this marker. */
const TEMP_MARK = '.wal-inspector-tmp-';
const STALE_TEMP = /^\..+\.wal-inspector-tmp-(\d+)-[0-9a-f]{12}$/;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tempPathFor(dest: string): string {
  return join(dirname(dest), `.${basename(dest)}${TEMP_MARK}${process.pid}-${randomBytes(6).toString('hex')}`);
}

async function writeAll(fh: FileHandle, bytes: Uint8Array): Promise<void> {
  let off = 0;
  while (off < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, off, bytes.length - off);
    if (bytesWritten <= 0) throw new Error('write made no progress');
    off += bytesWritten;
  }
}

/**
 * Replaces `dest` atomically: the bytes go to a temporary file in the same directory, are
 * fsynced, then renamed over `dest`; the directory is fsynced unless the caller batches that
 * (`syncDir: false`, then call `fsyncDirectory` once after the batch). A reader sees the old
 * file or the new one, never a part. Throws the fs error (callers word it).
 */
export async function writeFileAtomic(dest: string, bytes: Uint8Array, options: { syncDir?: boolean } = {}): Promise<void> {
  const temp = tempPathFor(dest);
  const fh = await open(temp, 'wx', 0o644);
  let placed = false;
  try {
    try {
      await writeAll(fh, bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(temp, dest);
    placed = true;
  } finally {
    if (!placed) await unlink(temp).catch(() => undefined);
  }
  if (options.syncDir !== false) await fsyncDirRaw(dirname(dest));
}

/** Makes renames and unlinks in `dir` durable; errors are thrown as Node reports them. */
export { fsyncDirRaw as fsyncDirectory };

/**
 * Removes temporary files that an interrupted write of ours (a process no longer running)
 * left in `dir`; returns how many.
 */
export async function removeStaleTemps(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let removed = 0;
  for (const name of names) {
    const pid = STALE_TEMP.exec(name)?.[1];
    if (pid === undefined || processAlive(Number(pid))) continue;
    await unlink(join(dir, name)).catch(() => undefined);
    removed++;
  }
  return removed;
}
