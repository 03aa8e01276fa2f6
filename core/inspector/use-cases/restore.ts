import type { RestoreReport } from '../../contract/contract-history.js';
import type { OnConflict } from '../../history/document-rewrite.js';
import { HistoryError } from '../../history/history-error.js';
import { parseDocumentFilter, parseRange, parseUntil } from '../../history/history-target.js';
import type { RewriteSpec } from '../../history/rewrite-log.js';
import { applyRestorePlan } from '../../restore/apply-restore.js';
import { checkDestination } from '../../restore/restore-into.js';
import { readPlanFile, writePlanFile } from '../../restore/plan-file.js';
import { planRestore, type PlanRestoreOptions } from '../../restore/plan-restore.js';
import type { RestorePlan } from '../../restore/restore-types.js';
import type { LogLocation } from '../../wal/log-location.js';
import type { WalRecord } from '../../wal/records.js';
import type { RecordVisitor } from '../../wal/repair/visit-repair-steps.js';
import type { RecoveryReader } from './repair.js';
import { RestoreRepairs } from './restore-repairs.js';

export type { RestorePlan } from '../../restore/restore-types.js';

/** What `restore`'s options parse into (the service's restore.plan takes the same). */
export interface RestoreOptions {
  readonly store: string;
  readonly log?: string;
  readonly collection?: string;
  readonly until?: string;
  readonly exclusive?: boolean;
  /** Comma-separated transaction ids. */
  readonly exclude_tx?: string;
  readonly exclude_range?: string;
  readonly document?: string;
  readonly on_conflict?: string;
  readonly include_uncommitted?: boolean;
  /** Replay the entries one flipped bit explains, repaired (use-cases/restore-repairs.ts; default false). */
  readonly include_repaired?: boolean;
  readonly into?: string;
  /** Digest the log for a plan file. */
  readonly plan_out?: boolean;
}

function onConflictOf(v: string | undefined): OnConflict {
  if (v === undefined) return 'keep';
  if (v === 'later' || v === 'excluded') return v;
  throw new HistoryError('INVALID_ARGUMENT', `--on-conflict: "${v}" is not later or excluded`);
}

/** The options as a rewrite spec, checked: exactly one of --until, --exclude-tx, --exclude-range. */
export function restoreSpec(o: RestoreOptions): RewriteSpec {
  const given = [o.until, o.exclude_tx, o.exclude_range].filter((v) => v !== undefined).length;
  if (given !== 1) throw new HistoryError('INVALID_ARGUMENT', 'give exactly one of --until T, --exclude-tx IDS, --exclude-range FROM..TO');
  if (o.exclusive && o.until === undefined) throw new HistoryError('INVALID_ARGUMENT', '--exclusive goes with --until');
  const tx = o.exclude_tx?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (tx !== undefined && tx.length === 0) throw new HistoryError('INVALID_TARGET', '--exclude-tx names no transaction');
  return {
    ...(o.until !== undefined ? { until: parseUntil(o.until), exclusive: o.exclusive ?? false } : {}),
    ...(tx ? { excludeTransactions: new Set(tx) } : {}),
    ...(o.exclude_range !== undefined ? { excludeRange: parseRange(o.exclude_range) } : {}),
    includeUncommitted: o.include_uncommitted ?? false,
    document: parseDocumentFilter(o.document),
    onConflict: onConflictOf(o.on_conflict),
  };
}

export interface RestoreHooks extends Omit<PlanRestoreOptions, 'records' | 'visit'> {
  /** The chain's records, read with `read` (repair-aware; the service time-slices them); default: `read` told to a visitor. */
  readonly records?: (location: LogLocation, read: RecoveryReader) => AsyncIterable<WalRecord | readonly WalRecord[]>;
}

/** restore.plan and `restore --dry-run`: the plan (its report is the preview). Writes nothing. */
export async function planRestoreAt(o: RestoreOptions, hooks: RestoreHooks = {}): Promise<RestorePlan> {
  const spec = restoreSpec(o);
  // A folder that cannot be written is said before the log is read (apply checks again).
  if (o.into !== undefined) await checkDestination(o.into);
  const selection = {
    ...(o.until !== undefined ? { until: o.until, exclusive: o.exclusive ?? false } : {}),
    ...(spec.excludeTransactions ? { exclude_tx: [...spec.excludeTransactions] } : {}),
    ...(o.exclude_range !== undefined ? { exclude_range: o.exclude_range } : {}),
    ...(o.document !== undefined ? { document: o.document } : {}),
    on_conflict: spec.onConflict ?? 'keep',
  };
  const repairs = new RestoreRepairs(o.include_repaired ?? false);
  const { records: given, ...rest } = hooks;
  const signal = hooks.signal ? { signal: hooks.signal } : {};
  const plan = await planRestore({
    store: o.store, ...(o.collection !== undefined ? { collection: o.collection } : {}), ...(o.log !== undefined ? { log: o.log } : {}),
    spec, selection, into: o.into ?? null, digestLog: o.plan_out ?? false,
  }, { ...rest, ...(given ? { records: (at: LogLocation) => given(at, repairs.read) } : { visit: (at: LogLocation, v: RecordVisitor) => repairs.visit(at, signal, v) }) });
  return { ...plan, report: repairs.mark(plan.report) };
}

export { writePlanFile };

/** Applies a plan (made here or read from a file); the report says what was applied. */
export async function applyRestoreAt(plan: RestorePlan, options: { readonly backup?: boolean; readonly planFile?: string; readonly signal?: AbortSignal } = {}): Promise<RestoreReport> {
  const applied = await applyRestorePlan(plan, {
    ...(options.backup !== undefined ? { backup: options.backup } : {}), ...(options.planFile ? { planFile: options.planFile } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { ...plan.report, dry_run: false, applied };
}

/** `apply FILE`: the plan file read and checked. */
export function readPlanAt(file: string): Promise<RestorePlan> {
  return readPlanFile(file);
}
