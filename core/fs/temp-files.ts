import { randomBytes } from 'node:crypto';
import { readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { processAlive } from './process-info.js';

/**
 * Our temporary files: a dot name (Sentinel's document listing and segment scans skip them),
 * a marker with the writer's pid (so a later run can tell an abandoned one from a live one)
 * and `.tmp` at the end.
 */
const TEMP_MARK = '.wal-inspector-tmp-';
/** Also matches the names without `.tmp` that earlier versions left. */
const STALE_TEMP = /^\..+\.wal-inspector-tmp-(\d+)-[0-9a-f]{12}(?:\.tmp)?$/;

export function tempPathFor(dest: string): string {
  return join(dirname(dest), `.${basename(dest)}${TEMP_MARK}${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

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
