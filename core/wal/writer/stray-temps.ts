import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fsError } from '../wal-error.js';

/**
 * The temporary file compression writes a rotated segment into before linking it into place
 * (core/fs/atomic-file.ts: `.<dest>.<12 hex>.tmp`). Only compressed segment names match: no
 * other file of ours or Sentinel's is touched.
 */
const COMPRESSION_TEMP = /^\.transactions\.\d+(?:-[1-9]\d*)?\.wal\.(?:zst|lz4|br|deflate|gz)\.[0-9a-f]{12}\.tmp$/;

export function isCompressionTemp(name: string): boolean {
  return COMPRESSION_TEMP.test(name);
}

/**
 * Removes the compression temporaries a crashed writer or checkpoint left in `walDir`; returns
 * their names. Call only while holding the directory's writer lock: the only process of ours
 * that compresses into it (a writer's background compression, a checkpoint) holds that lock,
 * so a temporary found then belongs to no running compression.
 */
export async function removeStrayTemps(walDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(walDir);
  } catch (err) {
    throw fsError(err, walDir, 'list');
  }
  const removed: string[] = [];
  for (const name of names.filter(isCompressionTemp).sort()) {
    try {
      await unlink(join(walDir, name));
      removed.push(name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fsError(err, join(walDir, name), 'remove a stray temporary file');
    }
  }
  return removed;
}
