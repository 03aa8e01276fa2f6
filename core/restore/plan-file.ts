import { readFile } from 'node:fs/promises';
import { writeAll, writeFileNoClobber } from '../fs/atomic-file.js';
import { FsError } from '../fs/fs-error.js';
import { RestoreError } from './restore-error.js';
import { PLAN_FORMAT, PLAN_VERSION, type FilePlan, type RestorePlan } from './restore-types.js';

/**
 * Writes a plan (restore or recover) as a file a second person can review (indented JSON), created atomically and
 * never over an existing file (DESTINATION_EXISTS).
 */
export async function writePlanFile(file: string, plan: FilePlan): Promise<void> {
  const bytes = Buffer.from(JSON.stringify(plan, null, 2) + '\n', 'utf8');
  try {
    await writeFileNoClobber(file, (fh) => writeAll(fh, bytes));
  } catch (err) {
    if (err instanceof FsError && err.code === 'OUTPUT_EXISTS') {
      throw new RestoreError('DESTINATION_EXISTS', `${file} exists; --plan-out never overwrites a plan`, { file, cause: err });
    }
    throw err;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSha = (v: unknown): boolean => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
/** A restore plan has its report; a recover plan one per collection (either can be a rehearsal, `into`). */
const reportOk = (v: Record<string, unknown>): boolean => (v['kind'] === 'restore'
  ? isObject(v['report'])
  : Array.isArray(v['reports']) && v['reports'].every(isObject));

function validOperation(op: unknown): boolean {
  if (!isObject(op) || typeof op['collection'] !== 'string' || typeof op['collection_dir'] !== 'string' || typeof op['document_id'] !== 'string') return false;
  if (op['action'] === 'write') return typeof op['text'] === 'string' && (op['live_sha256'] === null || isSha(op['live_sha256']));
  if (op['action'] === 'delete') return isSha(op['live_sha256']) && (op['deleted_sha256'] === null || isSha(op['deleted_sha256']));
  if (op['action'] !== 'replace' || !(op['live_sha256'] === null || isSha(op['live_sha256'])) || !(op['live_text'] === null || typeof op['live_text'] === 'string')) return false;
  const trash = op['trash'];
  if (trash === undefined) return true;
  if (!isObject(trash) || !(trash['sha256'] === null || isSha(trash['sha256']))) return false;
  // A copy of the live file needs one to copy.
  return typeof trash['text'] === 'string' || (trash['from_live'] === true && op['live_sha256'] !== null);
}

/** Reads a restore plan file; a recover plan is INVALID_PLAN here (readAnyPlanFile takes both). */
export async function readPlanFile(file: string): Promise<RestorePlan> {
  const plan = await readAnyPlanFile(file);
  if (plan.kind !== 'restore') throw new RestoreError('INVALID_PLAN', `${file} is a ${plan.kind} plan, not a restore plan`, { file });
  return plan;
}

/** Reads a plan file, refusing (INVALID_PLAN, naming it) anything that is not a plan this version wrote. */
export async function readAnyPlanFile(file: string): Promise<FilePlan> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new RestoreError('INVALID_PLAN', `${file}: cannot read the plan: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file, cause: err });
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new RestoreError('INVALID_PLAN', `${file} is not a plan file (not JSON: ${(err as Error).message})`, { file, cause: err });
  }
  if (!isObject(v) || v['format'] !== PLAN_FORMAT) throw new RestoreError('INVALID_PLAN', `${file} is not a wal-inspector plan file`, { file });
  if (v['version'] !== PLAN_VERSION || (v['kind'] !== 'restore' && v['kind'] !== 'recover')) {
    throw new RestoreError('INVALID_PLAN', `${file} is a ${String(v['kind'])} plan of version ${String(v['version'])}; this version applies restore and recover plans of version ${PLAN_VERSION}`, { file });
  }
  const logs = v['logs'];
  const ops = v['operations'];
  const logsOk = Array.isArray(logs) && logs.every((l) => isObject(l) && typeof l['file'] === 'string' && Number.isSafeInteger(l['bytes']) && isSha(l['sha256']));
  if (typeof v['store'] !== 'string' || !(v['into'] === null || typeof v['into'] === 'string') || !logsOk || !Array.isArray(ops) || !ops.every(validOperation) || !reportOk(v)) {
    throw new RestoreError('INVALID_PLAN', `${file}: the plan is damaged or was edited (a field is missing or of the wrong kind)`, { file });
  }
  return v as unknown as FilePlan;
}
