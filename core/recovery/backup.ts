import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDirectory, writeFileAtomic } from '../fs/atomic-file.js';
import { DELETED_DIR } from '../store/fs-collection.js';
import { formatRfc3339Nanos, nowNanos } from '../store/timestamp.js';
import { toOrderedJson } from '../verify/ordered-json.js';
import { forEachLimit } from './worker-pool.js';

/** One file a recovery will change, as it is before (null: it does not exist yet). */
export interface BackupFile {
  /** Relative to the collection directory: `<id>.json` or `.deleted/<id>.json`. */
  readonly path: string;
  readonly bytes: Uint8Array | null;
  /** The file itself, whose mode and owner the copy keeps (a private document stays private). */
  readonly source?: string;
}

export const BACKUPS_DIR = '.backups';

/** `recover-20251123T093000.123Z-<random>` — sortable, never reused. */
function backupName(): string {
  const stamp = formatRfc3339Nanos(nowNanos()).replace(/[-:]/g, '').replace(/\.(\d{3})\d*Z$/, '.$1Z');
  return `recover-${stamp}-${randomBytes(3).toString('hex')}`;
}

/**
 * Copies every file a recovery will change into a new backup directory (durably: each file
 * and directory fsynced) with a `manifest.json` naming each file and whether it existed, so
 * that a restore knows to remove the ones the recovery created.
 */
export async function writeBackup(
  root: string, files: readonly BackupFile[], about: Record<string, string>, signal?: AbortSignal,
): Promise<string> {
  const dir = join(root, backupName());
  const trash = files.some((f) => f.path.startsWith(`${DELETED_DIR}/`));
  await mkdir(trash ? join(dir, DELETED_DIR) : dir, { recursive: true });
  await forEachLimit(files, 16, async (f) => {
    if (f.bytes) await writeFileAtomic(join(dir, f.path), f.bytes, { syncDir: false, ...(f.source ? { like: f.source } : {}) });
  }, { ...(signal ? { signal } : {}), what: 'backup' });
  const manifest = toOrderedJson({
    ...about,
    created_at: formatRfc3339Nanos(nowNanos()),
    files: files.map((f) => ({ path: f.path, existed: f.bytes !== null })),
  });
  await writeFileAtomic(join(dir, 'manifest.json'), new TextEncoder().encode(manifest + '\n'), { syncDir: false });
  if (trash) await fsyncDirectory(join(dir, DELETED_DIR));
  await fsyncDirectory(dir);
  await fsyncDirectory(root);
  return dir;
}
