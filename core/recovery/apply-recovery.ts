import { rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDirectory, removeStaleTemps, writeFileAtomic } from '../fs/atomic-file.js';
import { parseDocumentFile, renderDocumentBytes } from '../store/document-file.js';
import { newDocument, updatedDocument } from '../store/document-transition.js';
import { fingerprintBytes } from '../store/fingerprint.js';
import { DELETED_DIR, type FsCollection } from '../store/fs-collection.js';
import { isValidDocumentId } from '../store/names.js';
import { ioError } from '../store/store-error.js';
import { readWholeFile } from '../store/read-file.js';
import { systemClock, type Clock } from '../store/timestamp.js';
import { throwIfAborted } from '../wal/compression/abort.js';
import { BACKUPS_DIR, writeBackup, type BackupFile } from './backup.js';
import { RecoveryError } from './recovery-error.js';
import type { ApplyOptions, DocumentChange, RecoveryApplyResult, RecoveryPlan } from './recovery-types.js';
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

interface Checked {
  readonly change: DocumentChange;
  readonly live: Uint8Array | null;
  readonly deleted: Uint8Array | null;
  /** The change writes `.deleted/<id>.json`. */
  readonly writesTrash: boolean;
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

async function applyOne(c: Checked, plan: RecoveryPlan, store: FsCollection, clock: Clock): Promise<void> {
  const id = c.change.documentId;
  const livePath = store.documentPath(id);
  const basis = plan.basis.get(id)!;
  // The soft-deleted copy first: interrupted after it, a new plan finds it in place and goes on.
  if (c.writesTrash) {
    // A copy the log wrote is a new file of the collection; the live file copied keeps its own mode and owner.
    if (basis.deletedCopy) await writeFileAtomic(store.deletedPath(id), renderDocumentBytes(basis.deletedCopy), { syncDir: false, newLike: store.dir });
    else if (c.change.operation === 'delete') {
      await rename(livePath, store.deletedPath(id));
      return;
    } else await writeFileAtomic(store.deletedPath(id), c.live!, { syncDir: false, like: livePath });
  }
  if (c.change.operation === 'delete') {
    if (c.live) await unlink(livePath);
    return;
  }
  let doc;
  if (c.change.operation === 'insert' || !c.live || basis.recreated) doc = newDocument(id, c.change.after, clock());
  else {
    const parsed = parseDocumentFile(c.live, id);
    if (!parsed.ok) throw new RecoveryError('STORE_CHANGED', `${id}.json is no longer readable: ${parsed.message}`, { documentId: id });
    doc = updatedDocument(parsed.document, c.change.after, clock());
  }
  await writeFileAtomic(livePath, renderDocumentBytes(doc), { syncDir: false });
}

/**
 * Executes a plan made by `planRecovery` on the same collection: refuses if a file it will
 * change differs from when the plan was made, copies those files into a backup directory
 * (unless `backup: false`), then writes each document atomically (temporary file, fsync,
 * rename; directories fsynced at the end). Interrupted, it leaves every document whole:
 * planning and applying again finishes the work.
 */
export async function applyRecovery(
  plan: RecoveryPlan, store: FsCollection, options: ApplyOptions & { readonly clock?: Clock } = {},
): Promise<RecoveryApplyResult> {
  if (plan.collection !== store.collection) {
    throw new RecoveryError('INVALID_PLAN', `the plan was made for collection "${plan.collection}", not "${store.collection}"`);
  }
  const clock = options.clock ?? systemClock;
  await removeStaleTemps(store.dir);
  await removeStaleTemps(join(store.dir, DELETED_DIR));
  const checked = await checkUnchanged(plan, store, options);
  if (checked.length === 0) return { plan, backup: null, applied: 0 };

  let backup: string | null = null;
  if (options.backup !== false) {
    options.onProgress?.({ phase: 'backup', done: 0, total: checked.length });
    backup = await writeBackup(options.backupRoot ?? join(store.dir, BACKUPS_DIR), backupFiles(checked, store), {
      tool: 'wal-inspector recover', collection: store.collection, collection_dir: store.dir,
      mode: plan.mode + (plan.committedOnly ? ' (committed only)' : ''),
    }, options.signal);
  }
  throwIfAborted(options.signal, 'recovery');
  if (checked.some((c) => c.writesTrash)) await store.ensureDeletedDir();
  try {
    await forEachLimit(checked, options.concurrency ?? 16, (c) => applyOne(c, plan, store, clock), {
      ...(options.signal ? { signal: options.signal } : {}), what: 'recovery',
      onDone: (done) => options.onProgress?.({ phase: 'write', done, total: checked.length }),
    });
    await fsyncDirectory(join(store.dir, DELETED_DIR)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    await fsyncDirectory(store.dir);
  } catch (err) {
    if (err instanceof RecoveryError || (err as { code?: string }).code === 'ABORTED') throw err;
    const where = backup ? `; the files as they were are in ${backup}` : '';
    throw new RecoveryError('APPLY_FAILED', `recovery stopped part-way: ${ioError(err, store.dir).message}${where}`, { backup, cause: err });
  }
  return { plan, backup, applied: checked.length };
}
