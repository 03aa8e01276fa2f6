import { join } from 'node:path';
import { fsyncDirectory, removeStaleTemps } from '../fs/atomic-file.js';
import { FsError } from '../fs/fs-error.js';
import { plainDirectoryExists } from '../fs/plain-directory.js';
import { fingerprintBytes } from '../store/fingerprint.js';
import { DELETED_DIR, type FsCollection } from '../store/fs-collection.js';
import { isValidDocumentId } from '../store/names.js';
import { ioError, StoreError } from '../store/store-error.js';
import { readWholeFile } from '../store/read-file.js';
import { systemClock, type Clock } from '../store/timestamp.js';
import { throwIfAborted } from '../wal/compression/abort.js';
import { applyChange, type CheckedChange as Checked } from './apply-change.js';
import { BACKUPS_DIR, writeBackup, type BackupFile } from './backup.js';
import { RecoveryError } from './recovery-error.js';
import { lockForRecovery } from './recovery-lock.js';
import type { ApplyOptions, RecoveryApplyResult, RecoveryPlan } from './recovery-types.js';
import { forEachLimit } from './worker-pool.js';

async function readOrNull(file: string): Promise<Uint8Array | null> {
  try {
    return await readWholeFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw ioError(err, file);
  }
}

function fp(bytes: Uint8Array | null): string | null {
  return bytes ? fingerprintBytes(bytes) : null;
}

/** Reads every file the plan changes and refuses if one differs from when the plan was made. */
async function checkUnchanged(plan: RecoveryPlan, store: FsCollection, options: ApplyOptions): Promise<Checked[]> {
  const checked: Checked[] = new Array(plan.changes.length);
  await forEachLimit(plan.changes, 32, async (change, i) => {
    const id = change.documentId;
    const basis = plan.basis.get(id);
    if (!isValidDocumentId(id) || !basis) throw new RecoveryError('INVALID_PLAN', `the plan names an invalid or unknown document id ${JSON.stringify(id)}`, { documentId: id });
    const live = await readOrNull(store.documentPath(id));
    if (fp(live) !== basis.live) {
      throw new RecoveryError('STORE_CHANGED', `${id}.json changed since the plan was made; plan again`, { documentId: id, file: store.documentPath(id) });
    }
    const writesTrash = basis.deleted !== undefined;
    const deleted = writesTrash ? await readOrNull(store.deletedPath(id)) : null;
    if (writesTrash && fp(deleted) !== basis.deleted) {
      throw new RecoveryError('STORE_CHANGED', `${DELETED_DIR}/${id}.json changed since the plan was made; plan again`, { documentId: id, file: store.deletedPath(id) });
    }
    checked[i] = { change, live, deleted, writesTrash };
  }, { ...(options.signal ? { signal: options.signal } : {}), what: 'recovery', onDone: (done) => options.onProgress?.({ phase: 'check', done, total: plan.changes.length }) });
  return checked;
}

function backupFiles(checked: readonly Checked[], store: FsCollection): BackupFile[] {
  const files: BackupFile[] = [];
  for (const c of checked) {
    const id = c.change.documentId;
    files.push({ path: `${id}.json`, bytes: c.live, source: store.documentPath(id) });
    if (c.writesTrash) files.push({ path: `${DELETED_DIR}/${id}.json`, bytes: c.deleted, source: store.deletedPath(id) });
  }
  return files;
}

/** Refuses, before anything is written, a `.deleted/` or backup root that is a link or a file. */
async function refuseUnsafeDirectories(dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    try {
      await plainDirectoryExists(dir);
    } catch (err) {
      if (err instanceof FsError && err.code === 'NOT_A_DIRECTORY') {
        throw new RecoveryError('UNSAFE_DIRECTORY', `${err.message}; recovery refuses to write through it (nothing was changed)`, { file: dir });
      }
      throw err;
    }
  }
}

/**
 * Executes a plan made by `planRecovery` on the same collection, holding the collection's
 * recovery lock throughout: refuses if a file it will change differs from when the plan was
 * made, copies those files into a backup directory (unless `backup: false`), then writes
 * each document atomically (temporary file, fsync, rename; directories fsynced at the end).
 * Interrupted, it leaves every document whole: planning and applying again finishes the work.
 */
export async function applyRecovery(
  plan: RecoveryPlan, store: FsCollection, options: ApplyOptions & { readonly clock?: Clock } = {},
): Promise<RecoveryApplyResult> {
  if (plan.collection !== store.collection) {
    throw new RecoveryError('INVALID_PLAN', `the plan was made for collection "${plan.collection}", not "${store.collection}"`);
  }
  const backupRoot = options.backupRoot ?? join(store.dir, BACKUPS_DIR);
  await refuseUnsafeDirectories([join(store.dir, DELETED_DIR), ...(options.backup !== false ? [backupRoot] : [])]);
  const lock = await lockForRecovery(store);
  try {
    return await applyLocked(plan, store, backupRoot, options);
  } finally {
    await lock.release();
  }
}

async function applyLocked(
  plan: RecoveryPlan, store: FsCollection, backupRoot: string, options: ApplyOptions & { readonly clock?: Clock },
): Promise<RecoveryApplyResult> {
  const clock = options.clock ?? systemClock;
  await removeStaleTemps(store.dir);
  await removeStaleTemps(join(store.dir, DELETED_DIR));
  const checked = await checkUnchanged(plan, store, options);
  if (checked.length === 0) return { plan, backup: null, applied: 0 };

  let backup: string | null = null;
  if (options.backup !== false) {
    options.onProgress?.({ phase: 'backup', done: 0, total: checked.length });
    backup = await writeBackup(backupRoot, backupFiles(checked, store), {
      tool: 'wal-inspector recover', collection: store.collection, collection_dir: store.dir,
      mode: plan.mode + (plan.committedOnly ? ' (committed only)' : ''),
    }, { like: store.dir, ...(options.signal ? { signal: options.signal } : {}) });
  }
  throwIfAborted(options.signal, 'recovery');
  // Documents written so far, in the order they were finished: an error says how far it got, and which.
  const written: string[] = [];
  try {
    if (checked.some((c) => c.writesTrash)) await store.ensureDeletedDir();
    await forEachLimit(checked, options.concurrency ?? 16, async (c) => {
      await applyChange(c, plan.basis.get(c.change.documentId)!, store, clock);
      written.push(c.change.documentId);
    }, {
      ...(options.signal ? { signal: options.signal } : {}), what: 'recovery',
      onDone: (done) => options.onProgress?.({ phase: 'write', done, total: checked.length }),
    });
    const trash = join(store.dir, DELETED_DIR);
    await fsyncDirectory(trash).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw ioError(err, trash);
    });
    await fsyncDirectory(store.dir).catch((err: unknown) => {
      throw ioError(err, store.dir);
    });
  } catch (err) {
    throw partWay(err, { store, backup, written, planned: checked.length });
  }
  return { plan, backup, applied: checked.length };
}

/** Ids an error lists of the documents written (all of them are counted in `applied`). */
const WRITTEN_LISTED = 1000;

/**
 * What a failed or cancelled write phase did, as APPLY_FAILED: how many documents of the plan
 * were written, which (the first WRITTEN_LISTED), where the backup is, and that planning again
 * finishes the job (every document is whole: each write is atomic).
 */
function partWay(err: unknown, at: { store: FsCollection; backup: string | null; written: readonly string[]; planned: number }): unknown {
  if (err instanceof RecoveryError) return err;
  const { store, backup, written, planned } = at;
  const where = backup ? `the files as they were are in ${backup}` : 'no backup was made (--no-backup)';
  const which = written.length === 0 ? '' : ` (${written.slice(0, 5).join(', ')}${written.length > 5 ? `, … ${written.length - 5} more` : ''})`;
  const what = `${written.length} of ${planned} documents were written${which}; ${where}; plan again to finish`;
  const context = { backup, applied: written.length, planned, written: written.slice(0, WRITTEN_LISTED), cause: err };
  if ((err as { code?: string }).code === 'ABORTED') {
    return new RecoveryError('APPLY_FAILED', `recovery cancelled part-way: ${what}`, { file: store.dir, ...context });
  }
  const file = err instanceof StoreError || err instanceof FsError ? err.context.file ?? store.dir : store.dir;
  const documentId = err instanceof StoreError ? err.context.documentId : undefined;
  const why = err instanceof StoreError ? err.message : ioError(err, file).message;
  return new RecoveryError('APPLY_FAILED', `recovery stopped part-way writing ${file}: ${why.replace(/^I\/O error: /, '')}; ${what}`, {
    file, ...(documentId !== undefined ? { documentId } : {}), ...context,
  });
}
