import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isSystemCollection } from './names.js';
import { StoreError } from './store-error.js';

/** One collection directory of a store (`<store>/data/<name>/`). */
export interface StoreCollection {
  readonly name: string;
  readonly dir: string;
  /** A system collection (name starting with `.`, e.g. `.keys`). */
  readonly system: boolean;
  /** It has a `.wal/` directory (a collection whose WAL is disabled may have none). */
  readonly hasWal: boolean;
}

/** A collection left out of a store-wide run, and why (shown to the user, never silent). */
export interface SkippedCollection {
  readonly name: string;
  readonly reason: string;
}

const isDir = (p: string) => fs.stat(p).then((s) => s.isDirectory(), () => false);

/**
 * A store root holds `data/` and is not itself a collection (FORMAT.md, "Where the files
 * live"): what Sentinel's `--store-path` names.
 */
export async function isStoreRoot(dir: string): Promise<boolean> {
  return (await isDir(path.join(dir, 'data'))) && !(await isDir(path.join(dir, '.wal')));
}

// Byte order of the names, so every front end lists (and a store dump breaks time ties) alike.
function byName(a: StoreCollection, b: StoreCollection): number {
  return Buffer.compare(Buffer.from(a.name), Buffer.from(b.name));
}

/**
 * Every collection of a store root, as Sentinel's `list_collections` finds them (each directory
 * of `data/`, system collections included), in byte order of their names.
 */
export async function listStoreCollections(root: string): Promise<StoreCollection[]> {
  const data = path.join(root, 'data');
  const entries = await fs.readdir(data, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    throw new StoreError('IO_ERROR', `${data}: cannot list the store's collections (${err.code ?? err.message})`, { file: data, cause: err });
  });
  const out: StoreCollection[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const dir = path.join(data, e.name);
    out.push({ name: e.name, dir, system: isSystemCollection(e.name), hasWal: await isDir(path.join(dir, '.wal')) });
  }
  return out.sort(byName);
}

/**
 * The collections a store-wide command works on: those named (each must exist), else every
 * collection. A write (recover, checkpoint) changes a system collection only when it is named,
 * as FORMAT.md says of `.keys`; those it leaves out are returned with the reason.
 */
export function pickCollections(
  all: readonly StoreCollection[],
  names: readonly string[] | undefined,
  purpose: 'read' | 'write',
  root: string,
): { picked: StoreCollection[]; skipped: SkippedCollection[] } {
  if (names && names.length > 0) {
    const picked: StoreCollection[] = [];
    for (const name of new Set(names)) {
      const c = all.find((x) => x.name === name);
      if (!c) {
        const list = all.map((x) => x.name).join(', ') || 'none';
        throw new StoreError('NOT_FOUND', `${root}: no collection "${name}" in data/ (collections: ${list})`, { file: root, collection: name });
      }
      picked.push(c);
    }
    return { picked: picked.sort(byName), skipped: [] };
  }
  if (purpose === 'read') return { picked: [...all], skipped: [] };
  const skipped = all.filter((c) => c.system).map((c) => ({ name: c.name, reason: 'a system collection: changed only when named with --collection' }));
  return { picked: all.filter((c) => !c.system), skipped };
}
