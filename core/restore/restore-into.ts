import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsyncDirectory } from '../fs/atomic-file.js';
import { forEachLimit } from '../recovery/worker-pool.js';
import { DELETED_DIR } from '../store/fs-collection.js';
import { isValidDocumentId } from '../store/names.js';
import { ioError } from '../store/store-error.js';
import { throwIfAborted } from '../wal/compression/abort.js';
import { checkState } from './operation-state.js';
import { RestoreError } from './restore-error.js';
import type { PlanBase } from './restore-types.js';
import { writeOperation } from './write-operation.js';
import { resolveStore } from './store-layout.js';

/**
 * Whether `into` may be written: absent, or an empty directory (one the user made for it, e.g. in
 * a folder dialog). Anything else is DESTINATION_EXISTS. An empty directory is replaced by the
 * rename, which never replaces a file or a directory that is not empty.
 */
export async function checkDestination(into: string, when = 'exists'): Promise<void> {
  let st;
  try {
    st = await lstat(into);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw ioError(err, into);
  }
  const empty = st.isDirectory() && (await readdir(into).catch((err: unknown) => {
    throw ioError(err, into);
  })).length === 0;
  if (!empty) throw new RestoreError('DESTINATION_EXISTS', `${into} ${when}; --into writes a new directory and never overwrites (an empty directory is written into)`, { file: into });
}

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw ioError(err, p);
  }
}

/** A directory like `like` (its mode), made new. */
async function makeDir(dir: string, like: string): Promise<void> {
  await mkdir(dir, { mode: (await stat(like)).mode & 0o7777 });
}

const isDocumentFile = (name: string): boolean => name.endsWith('.json') && isValidDocumentId(name.slice(0, -5));

/** A collection's documents, `.metadata.json` and `.deleted/` copied as they are (the log, backups and locks stay behind). */
async function copyCollection(from: string, to: string, signal?: AbortSignal): Promise<void> {
  await makeDir(to, from);
  const names = (await readdir(from, { withFileTypes: true }));
  const files = names.filter((e) => e.isFile() && (isDocumentFile(e.name) || e.name === '.metadata.json')).map((e) => e.name);
  await forEachLimit(files, 16, (name) => copyFile(join(from, name), join(to, name), constants.COPYFILE_EXCL), { ...(signal ? { signal } : {}), what: 'restore --into' });
  if (names.some((e) => e.isDirectory() && e.name === DELETED_DIR)) {
    const trash = (await readdir(join(from, DELETED_DIR), { withFileTypes: true })).filter((e) => e.isFile() && isDocumentFile(e.name)).map((e) => e.name);
    await makeDir(join(to, DELETED_DIR), join(from, DELETED_DIR));
    await forEachLimit(trash, 16, (name) => copyFile(join(from, DELETED_DIR, name), join(to, DELETED_DIR, name), constants.COPYFILE_EXCL), { ...(signal ? { signal } : {}), what: 'restore --into' });
    await fsyncDirectory(join(to, DELETED_DIR));
  }
  await fsyncDirectory(to);
}

/**
 * The rehearsal: writes the restored store as a new directory `into` and never touches the
 * live one. A collection: `into` is the restored collection (documents the restore does not
 * change copied as they are); a store root: `into` is a new store root (`.store.json` and
 * every collection under data/). Built beside `into` under a temporary name, then renamed
 * into place; refuses (DESTINATION_EXISTS) if `into` exists and is not an empty directory, before and at the rename.
 */
export async function restoreInto(plan: PlanBase, into: string, signal?: AbortSignal): Promise<void> {
  await checkDestination(into, 'exists');
  // The live files must be as planned: the rehearsal shows what applying this plan would do.
  for (const op of plan.operations) await checkState(op, false);
  const temp = join(dirname(into), `.${basename(into)}.wal-inspector-partial-${randomBytes(6).toString('hex')}`);
  const layout = await resolveStore(plan.store);
  const mapped = new Map<string, string>();
  try {
    if (layout.kind === 'collection') {
      await copyCollection(layout.dir, temp, signal);
      mapped.set(layout.dir, temp);
    } else {
      await makeDir(temp, layout.dir);
      if (await exists(join(layout.dir, '.store.json'))) await copyFile(join(layout.dir, '.store.json'), join(temp, '.store.json'), constants.COPYFILE_EXCL);
      await makeDir(join(temp, 'data'), join(layout.dir, 'data'));
      for (const c of layout.all) {
        throwIfAborted(signal, 'restore --into');
        await copyCollection(c.dir, join(temp, 'data', c.name), signal);
        mapped.set(c.dir, join(temp, 'data', c.name));
      }
      await fsyncDirectory(join(temp, 'data'));
    }
    for (const op of plan.operations) {
      const dir = mapped.get(op.collection_dir);
      if (dir === undefined) throw new RestoreError('INVALID_PLAN', `the plan names ${op.collection_dir}, which is not a collection of ${plan.store}`, { file: op.collection_dir });
      if (op.action === 'delete' || (op.action === 'replace' && op.trash)) {
        await mkdir(join(dir, DELETED_DIR)).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'EEXIST') throw err;
        });
      }
      await writeOperation(op, dir);
    }
    for (const dir of mapped.values()) {
      await fsyncDirectory(dir);
      if (await exists(join(dir, DELETED_DIR))) await fsyncDirectory(join(dir, DELETED_DIR));
    }
    await fsyncDirectory(temp);
    await checkDestination(into, 'appeared while the restore wrote it; nothing was overwritten');
    await rename(temp, into).catch((err: NodeJS.ErrnoException) => {
      // Filled (or made a file) in the instant since the check: rename refuses, nothing is replaced.
      if (err.code === 'ENOTEMPTY' || err.code === 'EEXIST' || err.code === 'ENOTDIR' || err.code === 'EISDIR') {
        throw new RestoreError('DESTINATION_EXISTS', `${into} appeared while the restore wrote it; nothing was overwritten`, { file: into, cause: err });
      }
      throw err;
    });
    await fsyncDirectory(dirname(into));
  } catch (err) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    if (err instanceof RestoreError || (err as { code?: string }).code === 'ABORTED') throw err;
    const file = (err as { path?: string }).path ?? into;
    throw new RestoreError('APPLY_FAILED', `restore --into stopped writing ${file}: ${(err as Error).message}; nothing was left behind and the store was not touched`, { file, cause: err });
  }
}
