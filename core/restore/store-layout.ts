import { lstat, readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { isValidCollectionName } from '../store/names.js';
import { RestoreError } from './restore-error.js';

export interface RestoreCollection {
  readonly name: string;
  readonly dir: string;
  /** Its `.wal/` holds a log. */
  readonly hasLog: boolean;
}

export interface StoreLayout {
  readonly dir: string;
  readonly kind: 'collection' | 'store';
  /** The collections a restore reads the logs of (store: every one under data/, system ones only when named). */
  readonly collections: readonly RestoreCollection[];
  /** Store: every collection directory under data/ (what `--into` copies). */
  readonly all: readonly RestoreCollection[];
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await lstat(p)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `--store DIR`: a collection directory (holding `.wal/` or documents) or a store root
 * (holding `data/`). For a store root, `collection` picks one; without it every collection
 * is read except system ones (a leading `.`), as Sentinel's store-wide commands do.
 */
export async function resolveStore(dir: string, collection?: string): Promise<StoreLayout> {
  const abs = resolve(dir);
  if (!(await isDir(abs))) throw new RestoreError('NOT_A_STORE', `${dir} is not a directory`, { file: abs });
  const data = join(abs, 'data');
  if ((await isDir(data)) && !(await isDir(join(abs, '.wal')))) {
    const names = (await readdir(data, { withFileTypes: true })).filter((e) => e.isDirectory() && isValidCollectionName(e.name)).map((e) => e.name).sort();
    const all = await Promise.all(names.map(async (name) => ({ name, dir: join(data, name), hasLog: await isDir(join(data, name, '.wal')) })));
    if (collection !== undefined && !names.includes(collection)) {
      throw new RestoreError('NOT_A_STORE', `${dir}: no collection "${collection}" in data/ (it has ${names.join(', ') || 'none'})`, { file: abs, collection });
    }
    const picked = all.filter((c) => (collection !== undefined ? c.name === collection : !c.name.startsWith('.')));
    return { dir: abs, kind: 'store', collections: picked, all };
  }
  const name = basename(abs);
  if (!isValidCollectionName(name)) throw new RestoreError('NOT_A_STORE', `${dir} is neither a store root (with data/) nor a collection directory (its name "${name}" is not a collection name)`, { file: abs });
  const one = { name, dir: abs, hasLog: await isDir(join(abs, '.wal')) };
  return { dir: abs, kind: 'collection', collections: [one], all: [one] };
}
