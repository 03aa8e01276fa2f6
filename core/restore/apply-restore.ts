import { join } from 'node:path';
import type { RestoreApplied } from '../contract/contract-history.js';
import { fsyncDirectory, removeStaleTemps } from '../fs/atomic-file.js';
import { plainDirectoryExists } from '../fs/plain-directory.js';
import type { HeldLock } from '../fs/lock-file.js';
import { BACKUPS_DIR, writeBackup, type BackupFile } from '../recovery/backup.js';
import { lockCollection } from '../recovery/recovery-lock.js';
import { forEachLimit } from '../recovery/worker-pool.js';
import { DELETED_DIR, FsCollection } from '../store/fs-collection.js';
import { ioError } from '../store/store-error.js';
import { throwIfAborted } from '../wal/compression/abort.js';
import { checkLogRanges } from './log-digest.js';
import { checkOperation, checkState, livePath, trashPath, type CheckedOperation } from './operation-state.js';
import { RestoreError } from './restore-error.js';
import { restoreInto } from './restore-into.js';
import type { PlanBase, RestoreOperation } from './restore-types.js';
import { writeOperation } from './write-operation.js';

export interface ApplyRestoreOptions {
  /** Copy every file it changes into `<collection>/.backups/` first (default true). */
  readonly backup?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: { phase: 'check' | 'backup' | 'write'; done: number; total: number }) => void;
  /** The plan file applied, for the result and error texts. */
  readonly planFile?: string;
  /** Called after each document written (tests stop an apply part-way with it). */
  readonly afterWrite?: (done: number) => void;
}

function byCollection(ops: readonly RestoreOperation[]): Map<string, RestoreOperation[]> {
  const out = new Map<string, RestoreOperation[]>();
  for (const op of ops) {
    let list = out.get(op.collection_dir);
    if (!list) out.set(op.collection_dir, (list = []));
    list.push(op);
  }
  return out;
}

/**
 * Applies a restore plan exactly: refuses (PLAN_STALE) if a log range it read changed, holds
 * every changed collection's lock, recognises operations already done (a stopped apply
 * resumes) and refuses (STORE_CHANGED) any file that is neither as planned nor as the plan
 * leaves it; then backs up the files it will change and writes each atomically, keeping
 * modes and owners. With `into`, writes a new directory instead and never touches the store.
 */
export async function applyRestorePlan(plan: PlanBase, options: ApplyRestoreOptions = {}): Promise<RestoreApplied> {
  for (const op of plan.operations) checkOperation(op, plan.store, options.planFile);
  if (plan.logs.length > 0) await checkLogRanges(plan.logs);
  const planFile = options.planFile ?? null;
  if (plan.into !== null) {
    await restoreInto(plan, plan.into, options.signal);
    return { written: plan.operations.length, already_done: 0, backups: [], into: plan.into, plan_file: planFile };
  }
  const groups = byCollection(plan.operations);
  const locks: HeldLock[] = [];
  try {
    for (const dir of [...groups.keys()].sort()) {
      for (const sub of [join(dir, DELETED_DIR), join(dir, BACKUPS_DIR)]) {
        await plainDirectoryExists(sub).catch((err: unknown) => {
          throw new RestoreError('APPLY_FAILED', `${(err as Error).message}; restore refuses to write through it (nothing was changed)`, { file: sub, cause: err });
        });
      }
      locks.push(await lockCollection(dir, `wal-inspector ${plan.kind}`));
    }
    return await applyLocked(groups, options, planFile, plan.kind);
  } finally {
    for (const l of locks.reverse()) await l.release();
  }
}

async function applyLocked(groups: Map<string, RestoreOperation[]>, options: ApplyRestoreOptions, planFile: string | null, kind: PlanBase['kind']): Promise<RestoreApplied> {
  const checked: CheckedOperation[] = [];
  for (const [dir, ops] of groups) {
    await removeStaleTemps(dir);
    await removeStaleTemps(join(dir, DELETED_DIR));
    const part: CheckedOperation[] = new Array(ops.length);
    await forEachLimit(ops, 32, async (op, i) => {
      part[i] = await checkState(op);
    }, { ...(options.signal ? { signal: options.signal } : {}), what: 'restore' });
    checked.push(...part);
  }
  const todo = checked.filter((c) => c.state === 'todo');
  options.onProgress?.({ phase: 'check', done: checked.length, total: checked.length });
  const backups: string[] = [];
  if (options.backup !== false) {
    for (const [dir, ops] of byCollection(todo.map((c) => c.op))) {
      const files: BackupFile[] = [];
      for (const c of todo.filter((t) => t.op.collection_dir === dir)) {
        files.push({ path: `${c.op.document_id}.json`, bytes: c.live, source: livePath(c.op) });
        if (c.op.action === 'delete' || (c.op.action === 'replace' && c.op.trash)) files.push({ path: `${DELETED_DIR}/${c.op.document_id}.json`, bytes: c.trash, source: trashPath(c.op) });
      }
      options.onProgress?.({ phase: 'backup', done: 0, total: ops.length });
      backups.push(await writeBackup(join(dir, BACKUPS_DIR), files, {
        tool: `wal-inspector ${kind}`, collection: ops[0]!.collection, collection_dir: dir, ...(planFile ? { plan_file: planFile } : {}),
      }, { like: dir, ...(options.signal ? { signal: options.signal } : {}) }));
    }
  }
  throwIfAborted(options.signal, 'restore');
  let written = 0;
  try {
    for (const dir of new Set(todo.filter((c) => c.op.action === 'delete' || (c.op.action === 'replace' && c.op.trash)).map((c) => c.op.collection_dir))) await (await FsCollection.open(dir)).ensureDeletedDir();
    await forEachLimit(todo, 16, async (c) => {
      await writeOperation(c.op);
      options.afterWrite?.(++written);
    }, {
      ...(options.signal ? { signal: options.signal } : {}), what: 'restore',
      onDone: (done) => options.onProgress?.({ phase: 'write', done, total: todo.length }),
    });
    for (const dir of groups.keys()) {
      await fsyncDirectory(join(dir, DELETED_DIR)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw ioError(err, join(dir, DELETED_DIR));
      });
      await fsyncDirectory(dir);
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'ABORTED') throw err;
    const file = (err as { context?: { file?: string } }).context?.file;
    const where = backups.length > 0 ? `; the files as they were are in ${backups.join(', ')}` : '';
    throw new RestoreError('APPLY_FAILED', `restore stopped part-way${file ? ` writing ${file}` : ''}: ${(err as Error).message.replace(/^I\/O error: /, '')}; ${written} of ${todo.length} documents were written${where}; apply the same plan again to finish`, {
      ...(file ? { file } : {}), applied: written, cause: err,
    });
  }
  return { written: todo.length, already_done: checked.length - todo.length, backups, into: null, plan_file: planFile };
}
