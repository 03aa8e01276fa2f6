import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { locateLog, type LogLocation } from '../wal/log-location.js';
import type { CompressionName } from '../contract/contract-types.js';
import { fail } from './inspector-error.js';
import { locateStore, type LocatedStore } from './store-location.js';

export interface LocatedSegment {
  readonly name: string;
  readonly path: string;
  readonly compression: CompressionName;
  readonly fileBytes: number;
}

export interface Located {
  readonly location: LogLocation;
  readonly collection: string | null;
  readonly segments: LocatedSegment[];
  /** A store session: the collections whose chains the segments are (store-location.ts). */
  readonly store?: LocatedStore;
}

async function storeCollections(dir: string): Promise<string[] | null> {
  const data = path.join(dir, 'data');
  const isStore = await fs.stat(data).then((s) => s.isDirectory(), () => false);
  const hasWal = await fs.stat(path.join(dir, '.wal')).then(() => true, () => false);
  if (!isStore || hasWal) return null;
  const names = await fs.readdir(data, { withFileTypes: true });
  return names.filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort();
}

/**
 * Finds the chain for a user-given path (core's locateLog) with contract errors: a store
 * root with several collections (or `collections` picked) opens as a store, every chain as
 * one log (store-location.ts).
 */
export async function openLocation(input: string, collection?: string, collections?: readonly string[]): Promise<Located> {
  const abs = path.resolve(input);
  const st = await fs.stat(abs).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') fail('NOT_FOUND', `${input}: no such file or directory`, { file: input });
    if (err.code === 'EACCES' || err.code === 'EPERM') fail('PERMISSION_DENIED', `${input}: permission denied — check the file's permissions`, { file: input });
    throw err;
  });
  const picked = collections && collections.length > 0 ? collections : undefined;
  if (picked && collection !== undefined) fail('INVALID_ARGUMENT', 'give "collection" (one chain) or "collections" (a store session), not both', { field: 'collections' });
  if (st.isDirectory() && collection === undefined) {
    const collections = await storeCollections(abs).catch(() => null);
    if (collections && (collections.length > 1 || picked !== undefined)) return locateStore(abs, picked);
    if (picked && !collections) fail('INVALID_ARGUMENT', `${input} is not a store root (a directory holding data/): "collections" picks collections of a store`, { field: 'collections', file: input });
    if (collections && collections.length === 0) {
      fail('NOT_A_WAL', `${input} is a store without collections: data/ holds no collection directory`, { file: input });
    }
  }
  if (!st.isDirectory()) {
    // Reading probes permission now, so the message names the real cause.
    await fs.access(abs, fs.constants.R_OK).catch(() => fail('PERMISSION_DENIED', `${input}: permission denied — the file is not readable by this user`, { file: input }));
  }
  const location = await locateLog(abs, collection === undefined ? {} : { collection });
  const segments: LocatedSegment[] = [];
  for (const seg of location.segments) {
    const s = await fs.stat(seg.path);
    segments.push({ name: seg.name, path: seg.path, compression: seg.compression, fileBytes: s.size });
  }
  const name = location.collectionDir ? path.basename(location.collectionDir) : null;
  return { location, collection: name, segments };
}
