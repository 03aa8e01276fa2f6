import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { locateLog, type LogLocation } from '../wal/log-location.js';
import type { CompressionName } from '../contract/contract-types.js';
import { fail } from './inspector-error.js';

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
 * root with several collections asks to choose one (CHOOSE_COLLECTION + the list).
 */
export async function openLocation(input: string, collection?: string): Promise<Located> {
  const abs = path.resolve(input);
  const st = await fs.stat(abs).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') fail('NOT_FOUND', `${input}: no such file or directory`, { file: input });
    if (err.code === 'EACCES' || err.code === 'EPERM') fail('PERMISSION_DENIED', `${input}: permission denied — check the file's permissions`, { file: input });
    throw err;
  });
  if (st.isDirectory() && collection === undefined) {
    const collections = await storeCollections(abs).catch(() => null);
    if (collections && collections.length > 1) {
      fail('CHOOSE_COLLECTION', `${input} is a store with ${collections.length} collections: choose one (${collections.join(', ')})`, { file: input, collections });
    }
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
