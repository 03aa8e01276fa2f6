import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FsEntry, FsListing } from '../contract/contract-app.js';
import { fail } from './inspector-error.js';

const SEGMENT = /^transactions.*\.wal(\.[a-z0-9]+)?$/;
const MAX_ENTRIES = 5000;

async function names(dir: string): Promise<string[]> {
  return fs.readdir(dir).catch(() => []);
}

/** What a WAL tool would make of a path, by shape (FORMAT.md "Where the files live"). */
export async function walHint(p: string, isDir: boolean): Promise<FsEntry['wal_hint']> {
  if (!isDir) return SEGMENT.test(path.basename(p)) || p.endsWith('.wal') ? 'segment' : null;
  const inside = await names(p);
  if (inside.includes('.wal')) return 'collection';
  if (inside.some((n) => SEGMENT.test(n))) return 'wal-dir';
  if (inside.includes('data')) return 'store';
  return null;
}

/** fs.list: one directory for the browser mode's file picker; directories first, then by name. */
export async function listDirectory(input: string | undefined, showHidden: boolean, extraPlaces: { label: string; path: string }[]): Promise<FsListing> {
  const dir = path.resolve(input ?? process.cwd());
  const dirents = await fs.readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') fail('NOT_FOUND', `${dir}: no such directory`, { file: dir });
    if (err.code === 'EACCES' || err.code === 'EPERM') fail('PERMISSION_DENIED', `${dir}: permission denied — cannot list this directory`, { file: dir });
    if (err.code === 'ENOTDIR') fail('INVALID_ARGUMENT', `${dir} is a file, not a directory`, { file: dir, field: 'path' });
    throw err;
  });
  const entries: FsEntry[] = [];
  for (const d of dirents.slice(0, MAX_ENTRIES)) {
    if (!showHidden && d.name.startsWith('.') && d.name !== '.wal') continue;
    const p = path.join(dir, d.name);
    const st = await fs.stat(p).catch(() => null);
    const isDir = st?.isDirectory() ?? false;
    entries.push({
      name: d.name, path: p, kind: isDir ? 'directory' : st?.isFile() ? 'file' : 'other', size: st?.size ?? 0,
      mtime_ms: st?.mtimeMs ?? 0, wal_hint: st ? await walHint(p, isDir) : null,
    });
  }
  entries.sort((a, b) => (a.kind === 'directory' ? 0 : 1) - (b.kind === 'directory' ? 0 : 1) || a.name.localeCompare(b.name));
  const parent = path.dirname(dir);
  const places = [
    { label: 'Home', path: os.homedir() },
    { label: 'Current directory', path: process.cwd() },
    ...extraPlaces,
    { label: 'Filesystem root', path: path.parse(dir).root },
  ];
  return { path: dir, parent: parent === dir ? null : parent, entries, places };
}
