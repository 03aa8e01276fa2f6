/**
 * The command line's rehearsal (issue 14) through a plan file, as the service's restore.promote
 * and restore.discard do through a session: `restore --into DIR --plan-out FILE` (or
 * `recover --into DIR --plan-out FILE`), `apply FILE` (which records what it wrote beside FILE),
 * then `promote FILE` or `discard FILE`.
 */
import type { RestoreDiscardResult, RestorePromoteResult } from '../../contract/contract-rehearsal.js';
import { readAnyPlanFile } from '../../restore/plan-file.js';
import { checkRehearsal, promotedPlan, readRehearsalRecord, removeRehearsalRecord, discardRehearsal } from '../../restore/rehearsal.js';
import { RestoreError } from '../../restore/restore-error.js';
import type { FilePlan } from '../../restore/restore-types.js';
import { applyPlanFileAt } from './recovery-plan-file.js';
import { applyRestoreAt } from './restore.js';

/** A plan file's rehearsal plan (a restore's or a recovery's), already turned to the live store; INVALID_PLAN naming the file if it has no --into. */
export async function readPromotionAt(file: string): Promise<FilePlan> {
  const plan = await readAnyPlanFile(file);
  if (plan.into === null) throw new RestoreError('INVALID_PLAN', `${file} is not a rehearsal's plan (made without --into): apply it with \`apply ${file}\``, { file });
  return promotedPlan(plan);
}

/**
 * promote FILE and restore.promote: the rehearsal's operations applied to the live store, with a
 * backup; refused (PLAN_STALE, STORE_CHANGED) if its log or documents changed since. A restore
 * answers its report, a recovery what `apply FILE` answers for its plan.
 */
export async function promoteAt(live: FilePlan, options: { readonly backup?: boolean; readonly planFile?: string; readonly signal?: AbortSignal } = {}): Promise<RestorePromoteResult> {
  if (live.into !== null) throw new RestoreError('INVALID_PLAN', `the plan for ${live.store} still writes ${live.into}: promote takes the plan turned to the live store`, { file: live.into });
  if (live.kind === 'restore') return applyRestoreAt(live, options);
  return applyPlanFileAt(live, options);
}

/** discard FILE --dry-run: the folder discard would remove, checked as written. */
export interface DiscardPreview {
  readonly would_remove: string;
}

/** A plan file's rehearsal folder and what `apply FILE` recorded it wrote. */
async function rehearsalOfPlan(file: string) {
  const plan = await readAnyPlanFile(file);
  const dir = plan.into;
  if (dir === null) throw new RestoreError('INVALID_PLAN', `${file} is not a rehearsal's plan (made without --into): there is no folder to discard`, { file });
  return { dir, written: await readRehearsalRecord(file, dir) };
}

/** discard FILE --dry-run: REHEARSAL_CHANGED naming the first file that differs, or the folder discard would remove. */
export async function checkDiscardAt(file: string): Promise<DiscardPreview> {
  const { dir, written } = await rehearsalOfPlan(file);
  await checkRehearsal(dir, written);
  return { would_remove: dir };
}

/** discard FILE: its rehearsal folder removed if nothing in it changed since `apply FILE` wrote it, then the record. */
export async function discardAt(file: string): Promise<RestoreDiscardResult> {
  const { dir, written } = await rehearsalOfPlan(file);
  await discardRehearsal(dir, written);
  await removeRehearsalRecord(file);
  return { removed: dir };
}
