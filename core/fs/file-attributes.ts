import { lstat, stat, type FileHandle } from 'node:fs/promises';

/** What a rewritten file must keep: permission bits and owner. */
export interface FileAttributes {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

export interface AttributeSource {
  /** Take the attributes of this file (e.g. a document copied elsewhere keeps its own). */
  readonly like?: string;
  /** When `dest` does not exist yet: the directory whose owner and mode (execute bits off) a new file takes. */
  readonly newLike?: string;
}

const of = (st: { mode: number; uid: number; gid: number }, mask: number): FileAttributes => ({ mode: st.mode & mask, uid: st.uid, gid: st.gid });

/**
 * The attributes a file written at `dest` gets: those of `like`, else of the file it replaces,
 * else of `newLike` (default: dest's directory) without execute bits — a collection that is
 * 0750 and owned by `sentinel` gets 0640 `sentinel` documents.
 */
export async function attributesFor(dest: string, dir: string, source: AttributeSource = {}): Promise<FileAttributes> {
  if (source.like !== undefined) return of(await lstat(source.like), 0o7777);
  try {
    return of(await lstat(dest), 0o7777);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return of(await stat(source.newLike ?? dir), 0o666);
}

/**
 * Gives an open file its owner, then its mode (chown clears set-id bits, so it goes first).
 * Only root may give a file away: otherwise a chown to someone else is refused (EPERM) and the
 * file stays ours, as any copy made by that user would.
 */
export async function applyAttributes(fh: FileHandle, attrs: FileAttributes): Promise<void> {
  if (process.platform !== 'win32') {
    await fh.chown(attrs.uid, attrs.gid).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPERM') throw err;
    });
  }
  await fh.chmod(attrs.mode);
}
