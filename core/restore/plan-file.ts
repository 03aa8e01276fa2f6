import { readFile } from 'node:fs/promises';
import { writeAll, writeFileNoClobber } from '../fs/atomic-file.js';
import { FsError } from '../fs/fs-error.js';
import { RestoreError } from './restore-error.js';
import { PLAN_FORMAT, PLAN_VERSION, type RestorePlan } from './restore-types.js';

/**
 * Writes a plan as a file a second person can review (indented JSON), created atomically and
 * never over an existing file (DESTINATION_EXISTS).
 */
export async function writePlanFile(file: string, plan: RestorePlan): Promise<void> {
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

function validOperation(op: unknown): boolean {
  if (!isObject(op) || typeof op['collection'] !== 'string' || typeof op['collection_dir'] !== 'string' || typeof op['document_id'] !== 'string') return false;
  if (op['action'] === 'write') return typeof op['text'] === 'string' && (op['live_sha256'] === null || isSha(op['live_sha256']));
  if (op['action'] === 'delete') return isSha(op['live_sha256']) && (op['deleted_sha256'] === null || isSha(op['deleted_sha256']));
  return false;
}

/** Reads a plan file, refusing (INVALID_PLAN, naming it) anything that is not a plan this version wrote. */
export async function readPlanFile(file: string): Promise<RestorePlan> {
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
  if (v['version'] !== PLAN_VERSION || v['kind'] !== 'restore') {
    throw new RestoreError('INVALID_PLAN', `${file} is a ${String(v['kind'])} plan of version ${String(v['version'])}; this version applies restore plans of version ${PLAN_VERSION}`, { file });
  }
  const logs = v['logs'];
  const ops = v['operations'];
  const logsOk = Array.isArray(logs) && logs.every((l) => isObject(l) && typeof l['file'] === 'string' && Number.isSafeInteger(l['bytes']) && isSha(l['sha256']));
  if (typeof v['store'] !== 'string' || !(v['into'] === null || typeof v['into'] === 'string') || !logsOk || !Array.isArray(ops) || !ops.every(validOperation) || !isObject(v['report'])) {
    throw new RestoreError('INVALID_PLAN', `${file}: the plan is damaged or was edited (a field is missing or of the wrong kind)`, { file });
  }
  return v as unknown as RestorePlan;
}
