import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { removeStaleTemps } from '../../fs/atomic-file.js';
import { fsError } from '../wal-error.js';

/**
 * The name compression's temporary file had before temporaries carried their writer's pid
 * (`.<dest>.<12 hex>.tmp`). Only compressed segment names match: no other file is touched.
 */
const UNMARKED_COMPRESSION_TEMP = /^\.transactions\.\d+(?:-[1-9]\d*)?\.wal\.(?:zst|lz4|br|deflate|gz)\.[0-9a-f]{12}\.tmp$/;

/**
 * Removes the temporaries a crashed compression (a writer's background one, or a checkpoint's)
 * left in `walDir`; returns how many. Pid-marked ones go when their process is gone
 * (core/fs); unmarked ones only because the caller holds the directory's writer lock, which
 * every process of ours that compresses into it holds, so no running compression owns them.
 */
export async function removeStrayTemps(walDir: string): Promise<number> {
  let removed: number;
  let names: string[];
  try {
    removed = await removeStaleTemps(walDir);
    names = await readdir(walDir);
  } catch (err) {
    throw fsError(err, walDir, 'clean temporary files in');
  }
  for (const name of names.filter((n) => UNMARKED_COMPRESSION_TEMP.test(n))) {
    try {
      await unlink(join(walDir, name));
      removed++;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fsError(err, join(walDir, name), 'remove a stray temporary file');
    }
  }
  return removed;
}
