import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { compressionFromExtension, type Compression } from './compression/index.js';
import { describeFileType } from './file-type.js';
import { listSegments } from './segment-name.js';
import { WalError, fsError } from './wal-error.js';

export interface SegmentRef {
  /** The file name (what records call `segment`). */
  readonly name: string;
  readonly path: string;
  readonly compression: Compression;
}

/** What a path given by a user turned out to be, and the segments to read in replay order. */
export interface LogLocation {
  readonly input: string;
  readonly kind: 'segment' | 'wal-dir';
  /** The `.wal` directory, when the input is one or contains one. */
  readonly walDir: string | null;
  /** The collection directory (the one holding `.wal/`), when known. */
  readonly collectionDir: string | null;
  readonly segments: readonly SegmentRef[];
  /** Things worth telling that are not damage (e.g. a segment both compressed and not). */
  readonly warnings: readonly string[];
}

async function statOrNull(p: string) {
  try {
    return await fs.stat(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fsError(err, p, 'stat');
  }
}

async function visibleSubdirs(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir, { withFileTypes: true }).catch((err) => {
    throw fsError(err, dir, 'list');
  });
  return names.filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort();
}

/**
 * Finds the segment chain by shape, as FORMAT.md says: a store root holds `data/` (with
 * exactly one collection, or `collection` to pick one); a collection directory holds
 * `.wal/`; a WAL directory holds `transactions*.wal*` files; anything else is one segment.
 */
export async function locateLog(input: string, options: { collection?: string } = {}): Promise<LogLocation> {
  const abs = path.resolve(input);
  const st = await statOrNull(abs);
  if (!st) throw new WalError('NOT_FOUND', `${input}: no such file or directory`, { file: input });
  if (!st.isDirectory()) {
    // A FIFO or a device given as the log would be read forever (or block on open).
    if (!st.isFile()) throw new WalError('NOT_A_WAL', `${input} is ${describeFileType(st)}, not a regular file or a directory: it is not read`, { file: input });
    const ext = path.extname(abs);
    // A lone segment is compressed when its name ends in a known compression extension.
    const compression: Compression = compressionFromExtension(ext) ?? 'none';
    return {
      input, kind: 'segment', walDir: null, collectionDir: null,
      segments: [{ name: path.basename(abs), path: abs, compression }], warnings: [],
    };
  }
  let dir = abs;
  const dataDir = path.join(dir, 'data');
  if ((await statOrNull(dataDir))?.isDirectory() && !(await statOrNull(path.join(dir, '.wal')))) {
    const collections = await visibleSubdirs(dataDir);
    const pick = options.collection ?? (collections.length === 1 ? collections[0] : undefined);
    if (pick === undefined) {
      const list = collections.length ? collections.join(', ') : 'none';
      throw new WalError('INVALID_ARGUMENT', `${input} is a store with ${collections.length} collections (${list}): name one`, { file: input });
    }
    // A system collection (`.keys`) is not listed, but may be named.
    const named = collections.includes(pick) || (/^\.[^/\\]*$/.test(pick) && !/^\.+$/.test(pick) && (await statOrNull(path.join(dataDir, pick)))?.isDirectory() === true);
    if (!named) throw new WalError('NOT_FOUND', `${input}: no collection "${pick}" in data/`, { file: input });
    dir = path.join(dataDir, pick);
  }
  let collectionDir: string | null = null;
  const walSub = path.join(dir, '.wal');
  if ((await statOrNull(walSub))?.isDirectory()) {
    collectionDir = dir;
    dir = walSub;
  } else if (path.basename(dir) === '.wal') {
    collectionDir = path.dirname(dir);
  }
  const listed = await listSegments(dir);
  if (listed.segments.length === 0 && collectionDir === null) {
    throw new WalError('NOT_A_WAL', `${input}: no WAL here (no transactions*.wal* files, no .wal/ directory, no data/ directory)`, { file: input });
  }
  return {
    input, kind: 'wal-dir', walDir: dir, collectionDir,
    segments: listed.segments.map((s) => ({ name: s.name, path: path.join(dir, s.name), compression: s.compression })),
    warnings: listed.warnings,
  };
}
