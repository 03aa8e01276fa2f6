import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { compressionExtension, compressionFromExtension, type Compression } from './compression/compression.js';
import { describeFileType } from './file-type.js';
import { fsError } from './wal-error.js';

/**
 * Names of WAL segment files (FORMAT.md, "Where the files live"):
 *   transactions.wal                    the active segment
 *   transactions.<secs>.wal[.<ext>]     rotated at Unix second <secs> (the original's form)
 *   transactions.<secs>-<n>.wal[.<ext>] our form for the n-th further rotation in that second
 * Names are matched exactly (the original writes them in lower case).
 */
export const ACTIVE_SEGMENT_NAME = 'transactions.wal';

export type SegmentName =
  | { readonly kind: 'active' }
  | { readonly kind: 'rotated'; readonly secs: number; readonly seq: number; readonly compression: Compression };

const ROTATED = /^transactions\.(\d+)(?:-([1-9]\d*))?\.wal(\.[a-z0-9]+)?$/;

export function parseSegmentName(name: string): SegmentName | null {
  if (name === ACTIVE_SEGMENT_NAME) return { kind: 'active' };
  const m = ROTATED.exec(name);
  if (!m) return null;
  const compression = compressionFromExtension(m[3] ?? '');
  const secs = Number(m[1]);
  const seq = m[2] === undefined ? 0 : Number(m[2]);
  if (compression === undefined || !Number.isSafeInteger(secs) || !Number.isSafeInteger(seq)) return null;
  return { kind: 'rotated', secs, seq, compression };
}

/** The rotated segment's name; seq 0 is the original's plain `<secs>` form. */
export function rotatedName(secs: number, seq: number, compression: Compression = 'none'): string {
  if (!Number.isSafeInteger(secs) || secs < 0) throw new RangeError(`secs must be a non-negative integer, not ${secs}`);
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`seq must be a non-negative integer, not ${seq}`);
  return `transactions.${secs}${seq > 0 ? `-${seq}` : ''}.wal${compressionExtension(compression)}`;
}

function rank(p: SegmentName | null): [number, number, number] {
  if (p === null) return [2, 0, 0];
  if (p.kind === 'active') return [1, 0, 0];
  return [0, p.secs, p.seq];
}

/**
 * Replay order of two file names: rotated segments by (secs, seq) numerically, the active
 * segment after them, names that are not segments last; ties (e.g. `01` and `1`) by name.
 */
export function compareSegments(a: string, b: string): number {
  const ra = rank(parseSegmentName(a));
  const rb = rank(parseSegmentName(b));
  for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every entry of the directory, whatever it is. */
async function listEntries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw fsError(err, dir, 'list');
  }
}

/** Files (and links) only: what rotation counts as names in use, as before. */
async function listNames(dir: string): Promise<string[]> {
  return (await listEntries(dir)).filter((d) => d.isFile() || d.isSymbolicLink()).map((d) => d.name);
}

/** Why an entry named like a segment cannot be read as one (a FIFO, a device, a directory …), or null for a regular file. */
async function notRegular(dir: string, entry: Dirent): Promise<string | null> {
  if (entry.isFile()) return null;
  try {
    const st = await stat(join(dir, entry.name)); // follows a symbolic link to what it names
    return st.isFile() ? null : describeFileType(st);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'a broken symbolic link' : `unreadable (${code ?? (err as Error).message})`;
  }
}

/**
 * The name to rotate into at `secs`, never an existing one (the original overwrites when it
 * rotates twice in a second): `transactions.<secs>.wal` when neither it nor any compressed
 * variant exists, else `transactions.<secs>-<n>.wal` with n one past the highest n in use, so
 * that (secs, n) order stays the order of rotation even after a file is removed.
 */
export async function nextFreeRotatedName(dir: string, secs: number): Promise<string> {
  let highest = -1;
  for (const name of await listNames(dir)) {
    const p = parseSegmentName(name);
    if (p?.kind === 'rotated' && p.secs === secs && p.seq > highest) highest = p.seq;
  }
  return rotatedName(secs, highest + 1, 'none');
}

export interface SegmentFile {
  readonly name: string;
  readonly path: string;
  readonly kind: 'active' | 'rotated';
  /** 0 for the active segment. */
  readonly secs: number;
  readonly seq: number;
  readonly compression: Compression;
}

/** A compressed copy left beside the segment that is read instead (a crash during compression). */
export interface DuplicateSegment {
  readonly file: string;
  readonly readInstead: string;
}

export interface SegmentList {
  /** In replay order. */
  readonly segments: SegmentFile[];
  /** Messages for a person: duplicates and unrecognised `transactions*.wal*` names. Not damage. */
  readonly warnings: string[];
  readonly duplicates: DuplicateSegment[];
}

/**
 * The segments of a WAL directory in replay order. When one segment exists both uncompressed
 * and compressed, the uncompressed file is read (the compressed one may be partial) and the
 * compressed one is reported in `warnings`; of two compressed copies the first by algorithm
 * order (zstd, lz4, brotli, deflate, gzip) is read.
 */
export async function listSegments(walDir: string): Promise<SegmentList> {
  const byBase = new Map<string, SegmentFile[]>();
  const warnings: string[] = [];
  const duplicates: DuplicateSegment[] = [];
  // Sorted first so that warnings come in replay order, whatever order readdir gives.
  const entries = (await listEntries(walDir)).sort((a, b) => compareSegments(a.name, b.name));
  for (const entry of entries) {
    const name = entry.name;
    const p = parseSegmentName(name);
    if (p === null) {
      if (name.startsWith('transactions') && name.includes('.wal')) warnings.push(`${name}: not a segment name this tool knows; not read`);
      continue;
    }
    // Reading a FIFO or a device would never end: such an entry is reported, not read.
    const what = await notRegular(walDir, entry);
    if (what !== null) {
      warnings.push(`${name}: ${what}, not a regular file; not read`);
      continue;
    }
    const file: SegmentFile =
      p.kind === 'active'
        ? { name, path: join(walDir, name), kind: 'active', secs: 0, seq: 0, compression: 'none' }
        : { name, path: join(walDir, name), kind: 'rotated', secs: p.secs, seq: p.seq, compression: p.compression };
    const base = name.slice(0, name.length - compressionExtension(file.compression).length);
    const group = byBase.get(base);
    if (group) group.push(file);
    else byBase.set(base, [file]);
  }
  const order: Compression[] = ['none', 'zstd', 'lz4', 'brotli', 'deflate', 'gzip'];
  const segments: SegmentFile[] = [];
  for (const group of byBase.values()) {
    group.sort((a, b) => order.indexOf(a.compression) - order.indexOf(b.compression));
    const [kept, ...rest] = group as [SegmentFile, ...SegmentFile[]];
    segments.push(kept);
    for (const dup of rest) {
      duplicates.push({ file: dup.name, readInstead: kept.name });
      const why = kept.compression === 'none' ? 'probably left by a crash during compression' : 'two compressed copies';
      warnings.push(`${dup.name}: duplicate of ${kept.name} (${why}); ${kept.name} is read, ${dup.name} is not`);
    }
  }
  segments.sort((a, b) => compareSegments(a.name, b.name));
  return { segments, warnings, duplicates };
}
