import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDirectory, writeFileAtomic } from '../fs/atomic-file.js';
import { ensurePlainDirectory } from '../fs/plain-directory.js';
import { DELETED_DIR } from '../store/fs-collection.js';
import { ioError, StoreError } from '../store/store-error.js';
import { formatRfc3339Nanos, nowNanos } from '../store/timestamp.js';
import { toOrderedJson } from '../verify/ordered-json.js';
import { RecoveryError } from './recovery-error.js';
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

const encoder = new TextEncoder();

function manifestBytes(about: Record<string, string>, files: readonly BackupFile[], partial: boolean): Uint8Array {
  return encoder.encode(toOrderedJson({
    ...about,
    created_at: formatRfc3339Nanos(nowNanos()),
    ...(partial ? { partial: true, note: 'the backup stopped part-way; it is not a complete copy and the recovery was not applied' } : {}),
    files: files.map((f) => ({ path: f.path, existed: f.bytes !== null })),
  }) + '\n');
}

/** Writes one file of the backup; a failure names it (a write's own error does not say which file). */
async function writeOne(file: string, bytes: Uint8Array, like?: string): Promise<void> {
  try {
    await writeFileAtomic(file, bytes, { syncDir: false, ...(like ? { like } : {}) });
  } catch (err) {
    throw ioError(err, file);
  }
}

/**
 * Copies every file a recovery will change into a new backup directory (durably: each file
 * and directory fsynced) with a `manifest.json` naming each file and whether it existed, so
 * that a restore knows to remove the ones the recovery created. `root` (`.backups/`) must be
 * a real directory, never a link; it is made like `like` (the collection) when missing.
 * A failure part-way (a full disk) removes the partial backup — or, if even that fails,
 * leaves it with a manifest that says it is partial — and throws BACKUP_FAILED naming the file.
 */
export async function writeBackup(
  root: string, files: readonly BackupFile[], about: Record<string, string>,
  options: { readonly like: string; readonly signal?: AbortSignal },
): Promise<string> {
  const createdRoot = await ensurePlainDirectory(root, options.like);
  if (createdRoot) await fsyncDirectory(join(root, '..'));
  const dir = join(root, backupName());
  await ensurePlainDirectory(dir, options.like);
  try {
    const trash = files.some((f) => f.path.startsWith(`${DELETED_DIR}/`));
    if (trash) await ensurePlainDirectory(join(dir, DELETED_DIR), options.like);
    await forEachLimit(files, 16, async (f) => {
      if (f.bytes) await writeOne(join(dir, f.path), f.bytes, f.source);
    }, { ...(options.signal ? { signal: options.signal } : {}), what: 'backup' });
    await writeOne(join(dir, 'manifest.json'), manifestBytes(about, files, false));
    if (trash) await fsyncDirectory(join(dir, DELETED_DIR));
    await fsyncDirectory(dir);
    await fsyncDirectory(root);
  } catch (err) {
    if ((err as { code?: string }).code === 'ABORTED') {
      await discardPartial(dir, about, files);
      throw err;
    }
    const failure = err instanceof StoreError ? err : ioError(err, dir);
    const file = failure.context.file ?? dir;
    const fate = await discardPartial(dir, about, files);
    throw new RecoveryError('BACKUP_FAILED', `backup failed writing ${file}: ${failure.message.replace(/^I\/O error: /, '')}; nothing was changed; ${fate}`, { file, cause: err });
  }
  return dir;
}

/** Removes a partial backup; failing that, marks it partial. Says which, for the error text. */
async function discardPartial(dir: string, about: Record<string, string>, files: readonly BackupFile[]): Promise<string> {
  try {
    await rm(dir, { recursive: true, force: true });
    return `the partial backup ${dir} was removed`;
  } catch {
    const marked = await writeFileAtomic(join(dir, 'manifest.json'), manifestBytes(about, files, true)).then(() => true, () => false);
    return marked ? `the partial backup ${dir} is marked partial in its manifest.json` : `the partial backup ${dir} could not be removed: delete it`;
  }
}
