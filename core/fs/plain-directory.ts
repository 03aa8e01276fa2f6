import { chmod, chown, lstat, mkdir, stat } from 'node:fs/promises';
import { FsError, fsFailure } from './fs-error.js';

/**
 * Whether `dir` exists as a real directory; a symbolic link (to a directory or not) or any
 * other kind of file is refused, since writing through it would write wherever it points.
 */
export async function plainDirectoryExists(dir: string): Promise<boolean> {
  let st;
  try {
    st = await lstat(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw fsFailure(err, dir, 'check');
  }
  if (st.isDirectory()) return true;
  const what = st.isSymbolicLink() ? 'a symbolic link' : 'not a directory';
  throw new FsError('NOT_A_DIRECTORY', `${dir} is ${what}; only a real directory is written into`, { file: dir });
}

/**
 * Makes sure `dir` is a real directory, creating it (one level) when missing with the mode
 * and owner of `like` (the collection: Sentinel's user must still read what we add).
 * Returns whether it created it.
 */
export async function ensurePlainDirectory(dir: string, like: string): Promise<boolean> {
  if (await plainDirectoryExists(dir)) return false;
  try {
    const st = await stat(like);
    await mkdir(dir, { mode: st.mode & 0o7777 });
    await chmod(dir, st.mode & 0o7777); // mkdir's mode is cut by the umask
    await chown(dir, st.uid, st.gid).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPERM') throw err;
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return ensurePlainDirectory(dir, like);
    throw fsFailure(err, dir, 'create directory');
  }
  return true;
}
