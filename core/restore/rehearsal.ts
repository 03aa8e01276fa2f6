import { createHash } from 'node:crypto';
import { lstat, opendir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readWholeFile } from '../store/read-file.js';
import { RestoreError } from './restore-error.js';

/** Every file of a rehearsal by relative path → SHA-256 (directories as `dir/` → ''). */
export type RehearsalSnapshot = ReadonlyMap<string, string>;

async function walk(root: string, rel: string, out: Map<string, string>): Promise<void> {
  for await (const e of await opendir(join(root, rel))) {
    const r = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) {
      out.set(`${r}/`, '');
      await walk(root, r, out);
    } else if (e.isFile()) out.set(r, createHash('sha256').update(await readWholeFile(join(root, r))).digest('hex'));
    else out.set(r, `other:${e.isSymbolicLink() ? 'link' : 'special'}`);
  }
}

/** What a rehearsal holds right after it was written (the service keeps it to discard it safely). */
export async function snapshotRehearsal(dir: string): Promise<RehearsalSnapshot> {
  const out = new Map<string, string>();
  await walk(dir, '', out);
  return out;
}

/**
 * Removes a rehearsal folder this tool wrote — only if every file in it is as written (nothing
 * added, removed or changed since, no link put in): otherwise REHEARSAL_CHANGED names the first
 * file that differs and nothing is removed.
 */
export async function discardRehearsal(dir: string, written: RehearsalSnapshot): Promise<void> {
  const st = await lstat(dir).catch((cause: NodeJS.ErrnoException) => {
    throw new RestoreError(cause.code === 'ENOENT' ? 'REHEARSAL_CHANGED' : 'APPLY_FAILED', `${dir} cannot be read (${cause.code ?? cause.message}); nothing was removed`, { file: dir, cause });
  });
  if (!st.isDirectory()) throw new RestoreError('REHEARSAL_CHANGED', `${dir} is no longer the folder the rehearsal wrote; nothing was removed`, { file: dir });
  const now = await snapshotRehearsal(dir);
  for (const [rel, sha] of now) {
    if (written.get(rel) !== sha) throw changed(dir, rel, written.has(rel) ? 'changed' : 'added');
  }
  for (const rel of written.keys()) if (!now.has(rel)) throw changed(dir, rel, 'removed');
  await rm(dir, { recursive: true });
}

function changed(dir: string, rel: string, how: string): RestoreError {
  const file = join(dir, rel);
  return new RestoreError('REHEARSAL_CHANGED', `${file} was ${how} since the rehearsal was written; the folder is not removed (delete it yourself if it is no longer needed)`, { file });
}
