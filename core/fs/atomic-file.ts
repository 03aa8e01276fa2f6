import { randomBytes } from 'node:crypto';
import { link, lstat, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsError, WalError } from '../wal/wal-error.js';

/**
 * Writes `dest` atomically and never over an existing file: the bytes go to a temporary
 * file beside it (a dot name, which no segment scan picks up), are fsynced, then hard-linked
 * to `dest` — link fails with EEXIST instead of replacing, unlike rename — and the directory
 * is fsynced. Where hard links are not supported (FAT, some network shares) it falls back
 * to an existence check then rename, which has a small race window.
 */
export async function writeFileNoClobber(dest: string, produce: (fh: FileHandle) => Promise<void>): Promise<void> {
  await assertAbsent(dest);
  const dir = dirname(dest);
  const temp = join(dir, `.${basename(dest)}.${randomBytes(6).toString('hex')}.tmp`);
  let fh: FileHandle;
  try {
    fh = await open(temp, 'wx');
  } catch (err) {
    throw fsError(err, temp, 'create');
  }
  try {
    try {
      await produce(fh);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await placeNoClobber(temp, dest);
  } finally {
    // After a link the temporary name is a second name of dest; before, it is garbage.
    await unlink(temp).catch(() => undefined);
  }
  await fsyncDir(dir);
}

async function assertAbsent(dest: string): Promise<void> {
  try {
    await lstat(dest);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw fsError(err, dest, 'check');
  }
  throw new WalError('OUTPUT_EXISTS', `${dest} already exists; it is never overwritten`, { file: dest });
}

const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

async function placeNoClobber(temp: string, dest: string): Promise<void> {
  try {
    await link(temp, dest);
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw new WalError('OUTPUT_EXISTS', `${dest} already exists; it is never overwritten`, { file: dest, cause: err });
    if (!NO_LINKS.has(code)) throw fsError(err, dest, 'create');
  }
  await assertAbsent(dest);
  try {
    await rename(temp, dest);
  } catch (err) {
    throw fsError(err, dest, 'rename into place');
  }
}

/**
 * Makes a rename or unlink in `dir` durable. Windows cannot open a directory for syncing
 * (and its renames are journaled), so there and on filesystems that refuse it this is a no-op.
 * Other failures are thrown as they come (Node's errno errors).
 */
export async function fsyncDirRaw(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let fh: FileHandle | undefined;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EISDIR' && code !== 'EPERM') throw err;
  } finally {
    await fh?.close();
  }
}

/** fsyncDirRaw with failures as WalError naming the directory. */
export async function fsyncDir(dir: string): Promise<void> {
  try {
    await fsyncDirRaw(dir);
  } catch (err) {
    throw fsError(err, dir, 'sync directory');
  }
}

/** FileHandle.write may write less than asked (rare, e.g. signals on some systems): loop. */
export async function writeAll(fh: FileHandle, bytes: Uint8Array): Promise<void> {
  let off = 0;
  while (off < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, off, bytes.length - off);
    if (bytesWritten <= 0) throw new Error('write made no progress');
    off += bytesWritten;
  }
}
