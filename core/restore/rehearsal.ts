import { createHash } from 'node:crypto';
import { lstat, opendir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAll, writeFileNoClobber } from '../fs/atomic-file.js';
import { FsError } from '../fs/fs-error.js';
import { readWholeFile } from '../store/read-file.js';
import { RestoreError } from './restore-error.js';
import type { FilePlan, RecoverPlan, RestorePlan } from './restore-types.js';

/** Every file of a rehearsal by relative path → SHA-256 (directories as `dir/` → ''). */
export type RehearsalSnapshot = ReadonlyMap<string, string>;

async function walk(root: string, rel: string, out: Map<string, string>): Promise<void> {
  for await (const e of await opendir(join(root, rel))) {
    const r = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) {
      out.set(`${r}/`, '');
      await walk(root, r, out);
    } else if (e.isFile()) out.set(r, createHash('sha256').update(await readWholeFile(join(root, r))).digest('hex'));
    else out.set(r, `other:${e.isSymbolicLink() ? 'link' : 'special'}`);
  }
}

/** What a rehearsal holds right after it was written (the service keeps it to discard it safely). */
export async function snapshotRehearsal(dir: string): Promise<RehearsalSnapshot> {
  const out = new Map<string, string>();
  await walk(dir, '', out);
  return out;
}

/**
 * The very operations a rehearsal wrote — a restore's or a recovery's — now for the live store
 * (its digests still bind it to the log and files it read).
 */
export function promotedPlan(plan: RestorePlan): RestorePlan;
export function promotedPlan(plan: FilePlan): FilePlan;
export function promotedPlan(plan: FilePlan): FilePlan {
  if (plan.into === null) throw new RestoreError('INVALID_PLAN', `the plan for ${plan.store} is not a rehearsal (it has no --into folder): apply it instead`, { file: plan.store });
  if (plan.kind === 'restore') return { ...plan, into: null, report: { ...plan.report, into: null } };
  const live: RecoverPlan = { ...plan, into: null, reports: plan.reports.map(({ into: _into, ...r }) => r) };
  return live;
}

/**
 * Checks that a rehearsal folder this tool wrote is as written (nothing added, removed or
 * changed since, no link put in): otherwise REHEARSAL_CHANGED names the first file that differs.
 */
export async function checkRehearsal(dir: string, written: RehearsalSnapshot): Promise<void> {
  const st = await lstat(dir).catch((cause: NodeJS.ErrnoException) => {
    throw new RestoreError(cause.code === 'ENOENT' ? 'REHEARSAL_CHANGED' : 'APPLY_FAILED', `${dir} cannot be read (${cause.code ?? cause.message}); nothing was removed`, { file: dir, cause });
  });
  if (!st.isDirectory()) throw new RestoreError('REHEARSAL_CHANGED', `${dir} is no longer the folder the rehearsal wrote; nothing was removed`, { file: dir });
  const now = await snapshotRehearsal(dir);
  for (const [rel, sha] of now) {
    if (written.get(rel) !== sha) throw changed(dir, rel, written.has(rel) ? 'changed' : 'added');
  }
  for (const rel of written.keys()) if (!now.has(rel)) throw changed(dir, rel, 'removed');
}

/** Removes a rehearsal folder only if checkRehearsal finds it as written; otherwise nothing is removed. */
export async function discardRehearsal(dir: string, written: RehearsalSnapshot): Promise<void> {
  await checkRehearsal(dir, written);
  await rm(dir, { recursive: true });
}

/**
 * Where the command line keeps what a plan file's rehearsal wrote (it has no session to hold it):
 * beside the plan, so `discard FILE` can refuse to remove a folder someone changed since.
 */
export const rehearsalRecordPath = (planFile: string): string => `${planFile}.rehearsal`;

const RECORD_FORMAT = 'wal-inspector-rehearsal';

export async function writeRehearsalRecord(planFile: string, dir: string, written: RehearsalSnapshot): Promise<void> {
  const file = rehearsalRecordPath(planFile);
  const bytes = Buffer.from(JSON.stringify({ format: RECORD_FORMAT, version: 1, into: dir, files: Object.fromEntries(written) }, null, 2) + '\n', 'utf8');
  try {
    await writeFileNoClobber(file, (fh) => writeAll(fh, bytes));
  } catch (err) {
    if (err instanceof FsError && err.code === 'OUTPUT_EXISTS') throw new RestoreError('DESTINATION_EXISTS', `${file} exists (this plan's rehearsal was written before); it is never overwritten`, { file, cause: err });
    throw err;
  }
}

/** The record writeRehearsalRecord wrote for `dir`; INVALID_PLAN naming the record if it is missing, broken or for another folder. */
export async function readRehearsalRecord(planFile: string, dir: string): Promise<RehearsalSnapshot> {
  const file = rehearsalRecordPath(planFile);
  const text = await readFile(file, 'utf8').catch((cause: NodeJS.ErrnoException) => {
    throw new RestoreError('INVALID_PLAN', `${file} cannot be read (${cause.code ?? cause.message}): only a rehearsal written by \`apply ${planFile}\` can be discarded; nothing was removed`, { file, cause });
  });
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (cause) {
    throw new RestoreError('INVALID_PLAN', `${file} is not a rehearsal record (not JSON); nothing was removed`, { file, cause });
  }
  const r = v as { format?: unknown; into?: unknown; files?: unknown };
  const files = r.files;
  if (r.format !== RECORD_FORMAT || r.into !== dir || typeof files !== 'object' || files === null || Array.isArray(files) ||
    !Object.values(files).every((x) => typeof x === 'string')) {
    throw new RestoreError('INVALID_PLAN', `${file} is not the rehearsal record of ${dir}; nothing was removed`, { file });
  }
  return new Map(Object.entries(files as Record<string, string>));
}

export async function removeRehearsalRecord(planFile: string): Promise<void> {
  await rm(rehearsalRecordPath(planFile), { force: true });
}

function changed(dir: string, rel: string, how: string): RestoreError {
  const file = join(dir, rel);
  return new RestoreError('REHEARSAL_CHANGED', `${file} was ${how} since the rehearsal was written; the folder is not removed (delete it yourself if it is no longer needed)`, { file });
}
