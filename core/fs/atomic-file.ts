import { link, lstat, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { applyAttributes, attributesFor, type AttributeSource } from './file-attributes.js';
import { fsFailure, outputExists } from './fs-error.js';
import { tempPathFor } from './temp-files.js';

/**
 * The one place files are written atomically. Two ways, one temporary-name scheme:
 * `writeFileAtomic` replaces a file (documents), `writeFileNoClobber` creates one and never
 * replaces (exports, conversions, compressed segments). Nothing here imports another area.
 */
export { removeStaleTemps } from './temp-files.js';

/** FileHandle.write may write less than asked (rare, e.g. signals on some systems): loop. */
export async function writeAll(fh: FileHandle, bytes: Uint8Array): Promise<void> {
  let off = 0;
  while (off < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, off, bytes.length - off);
    if (bytesWritten <= 0) throw new Error('write made no progress');
    off += bytesWritten;
  }
}

/** Writes a new temporary file beside `dest` with what `produce` writes, fsynced; returns its path. */
async function writeTemp(dest: string, produce: (fh: FileHandle) => Promise<void>, onOpenError: (err: unknown, temp: string) => unknown): Promise<string> {
  const temp = tempPathFor(dest);
  let fh: FileHandle;
  try {
    fh = await open(temp, 'wx', 0o644);
  } catch (err) {
    throw onOpenError(err, temp);
  }
  try {
    try {
      await produce(fh);
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  return temp;
}

export interface AtomicWriteOptions extends AttributeSource {
  /** false: the caller fsyncs the directory once after a batch (`fsyncDirectory`). */
  readonly syncDir?: boolean;
}

/**
 * Replaces `dest` atomically: the bytes go to a temporary file in the same directory, are
 * fsynced, then renamed over `dest`; the directory is fsynced unless the caller batches that
 * (`syncDir: false`, then call `fsyncDirectory` once after the batch). A reader sees the old
 * file or the new one, never a part. The file keeps the mode and owner of the one it replaces
 * (a new one takes its directory's, see `attributesFor`). Throws the fs error (callers word it).
 */
export async function writeFileAtomic(dest: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const attrs = await attributesFor(dest, dirname(dest), options);
  const temp = await writeTemp(dest, async (fh) => {
    await writeAll(fh, bytes);
    await applyAttributes(fh, attrs);
  }, (err) => err);
  try {
    await rename(temp, dest);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  if (options.syncDir !== false) await fsyncDirectory(dirname(dest));
}

/**
 * Writes `dest` atomically and never over an existing file: the bytes go to a temporary
 * file beside it, are fsynced, then hard-linked to `dest` — link fails with EEXIST instead of
 * replacing, unlike rename — and the directory is fsynced. Where hard links are not supported
 * (FAT, some network shares) it falls back to an existence check then rename, which has a
 * small race window. Failures are FsErrors naming the file.
 */
export async function writeFileNoClobber(dest: string, produce: (fh: FileHandle) => Promise<void>): Promise<void> {
  await assertAbsent(dest);
  const temp = await writeTemp(dest, produce, (err, t) => fsFailure(err, t, 'create'));
  try {
    await placeNoClobber(temp, dest);
  } finally {
    // After a link the temporary name is a second name of dest; before, it is garbage.
    await unlink(temp).catch(() => undefined);
  }
  await fsyncDir(dirname(dest));
}

async function assertAbsent(dest: string): Promise<void> {
  try {
    await lstat(dest);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw fsFailure(err, dest, 'check');
  }
  throw outputExists(dest);
}

const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

async function placeNoClobber(temp: string, dest: string): Promise<void> {
  try {
    await link(temp, dest);
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw outputExists(dest, err);
    if (!NO_LINKS.has(code)) throw fsFailure(err, dest, 'create');
  }
  await assertAbsent(dest);
  try {
    await rename(temp, dest);
  } catch (err) {
    throw fsFailure(err, dest, 'rename into place');
  }
}

/**
 * Makes a rename or unlink in `dir` durable. Windows cannot open a directory for syncing
 * (and its renames are journaled), so there and on filesystems that refuse it this is a no-op.
 * Other failures are thrown as Node reports them (callers that word errors themselves).
 */
export async function fsyncDirectory(dir: string): Promise<void> {
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

/** fsyncDirectory with a failure as an FsError naming the directory. */
export async function fsyncDir(dir: string): Promise<void> {
  try {
    await fsyncDirectory(dir);
  } catch (err) {
    throw fsFailure(err, dir, 'sync directory');
  }
}
