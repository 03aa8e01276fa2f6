import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { WalError, fsError } from '../wal/wal-error.js';

/**
 * Creates `dest` with content written by `fill`, atomically and never over an existing file:
 * the content goes to a temporary file in the same directory, is fsynced, and is then
 * hard-linked to `dest` (link fails when `dest` exists, unlike rename), and the directory
 * is fsynced. On any failure the temporary file is removed and `dest` is untouched.
 */
export async function createFileAtomically(
  dest: string,
  fill: (handle: fs.FileHandle) => Promise<void>,
): Promise<void> {
  const dir = path.dirname(path.resolve(dest));
  const tmp = path.join(dir, `.${path.basename(dest)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.access(dest);
    throw new WalError('OUTPUT_EXISTS', `${dest} already exists; refusing to overwrite it`, { file: dest });
  } catch (err) {
    if (err instanceof WalError) throw err;
  }
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(tmp, 'wx');
  } catch (err) {
    throw fsError(err, dest, 'create');
  }
  try {
    await fill(handle);
    await handle.sync();
    await handle.close();
    try {
      await fs.link(tmp, dest);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new WalError('OUTPUT_EXISTS', `${dest} already exists; refusing to overwrite it`, { file: dest });
      }
      throw fsError(err, dest, 'create');
    }
    await syncDirectory(dir);
  } finally {
    await handle.close().catch(() => {});
    await fs.rm(tmp, { force: true });
  }
}

/** fsync a directory so a rename/link in it survives a crash (not supported on Windows). */
export async function syncDirectory(dir: string): Promise<void> {
  let h: fs.FileHandle | undefined;
  try {
    h = await fs.open(dir, 'r');
    await h.sync();
  } catch {
    // Directories cannot be opened for fsync on some platforms; the rename is still atomic.
  } finally {
    await h?.close();
  }
}
