import * as path from 'node:path';
import type { CompactPlan } from '../checkpoint/checkpoint-types.js';
import type { CheckpointPlan, RecoveryPlan, RecoveryReport } from '../contract/contract-jobs.js';
import { VERIFY_LISTED } from '../contract/contract.js';
import { fail } from './inspector-error.js';
import { withRows } from './query/find-row.js';
import { runTask } from './run-in-worker.js';
import { timeSliced } from './time-sliced.js';
import { applyCheckpoint, planCheckpoint } from './use-cases/checkpoint.js';
import { readPlanFile, removePlanFile, writePlanFile } from '../recovery/plan-file.js';
import { applyRecoveryPlan, planRecoveryAt, type HeldRecovery, type RecoveryHooks } from './use-cases/recovery.js';
import { planRecoveryFile, rehearseRecoveryAt, type PlannedRecoveryFile } from './use-cases/recovery-plan-file.js';
import { keepRehearsal } from './session-rehearsals.js';
import { guardPath, type Handlers, type ServiceState } from './service-state.js';
import type { Session } from './session.js';

/**
 * A session's plans: one per purpose (a new preview replaces the one before, whose id then
 * answers UNKNOWN_PLAN), kept with the session itself, so that closing it frees them — five
 * previews of a 4,000-document store used to stay in memory for the service's lifetime.
 */
interface SessionPlans {
  /** A large plan's core part lives in `file` (held.plan is then absent) until applied or replaced. */
  recovery?: { readonly id: string; readonly held: HeldRecovery | (Omit<HeldRecovery, 'plan'> & { plan?: undefined }); readonly file?: string };
  checkpoint?: { readonly id: string; readonly plan: CompactPlan | null };
  /**
   * A recovery rehearsal's plan (recovery.plan with `into`): beside the recovery plan, so the
   * wizard's preview can still be applied after a rehearsal; exact operations, held in memory.
   */
  rehearsal?: { readonly id: string; readonly planned: PlannedRecoveryFile };
}
const plansOf = new WeakMap<Session, SessionPlans>();

function plans(session: Session): SessionPlans {
  let p = plansOf.get(session);
  if (!p) {
    plansOf.set(session, (p = {}));
    const mine = p;
    session.onClose(async () => {
      const file = mine.recovery?.file;
      delete mine.recovery;
      delete mine.checkpoint;
      delete mine.rehearsal;
      if (file) await removePlanFile(file);
    });
  }
  return p;
}

/** Keeps a session's recovery plan: a large one in a temporary file, replacing (and removing) the one before. */
async function keepRecoveryPlan(state: ServiceState, session: Session, id: string, held: HeldRecovery): Promise<void> {
  const before = plans(session).recovery?.file;
  delete plans(session).recovery;
  if (before) await removePlanFile(before);
  if (held.plan.changes.length <= (state.options.planFileOver ?? 1000)) {
    plans(session).recovery = { id, held };
    return;
  }
  const { plan, ...rest } = held;
  const file = await writePlanFile(plan, state.options.planDir);
  plans(session).recovery = { id, held: rest, file };
}

function storeDir(state: ServiceState, session: Session, given: string | null | undefined, what: string): string {
  const dir = given ?? session.located.location.collectionDir;
  if (!dir) fail('INVALID_ARGUMENT', `${what} needs the collection directory (the one holding .wal/): open the collection instead of a lone segment, or give "store"`, { field: 'store' });
  return guardPath(state, dir, 'read');
}

/** Rows of the session's log once indexed (null while indexing: its size is not known yet). */
function indexedRows(session: Session): number | null {
  const p = session.indexer.progress();
  return p.complete ? p.rows : null;
}

/** What the service adds to a recovery's report: each listed entry's row in this session (`prefix`: see withRows). */
export function withReportRows<T extends RecoveryReport>(session: Session, r: T, prefix = ''): T {
  const rows = <I extends { readonly segment?: string; readonly offset?: number }>(items: readonly I[]) => withRows(session, items, prefix);
  return {
    ...r, failures: rows(r.failures), lost: rows(r.lost), flagged: rows(r.flagged),
    ...(r.dropped ? { dropped: rows(r.dropped) } : {}),
    ...(r.skipped ? { skipped: rows(r.skipped) } : {}),
    changes: r.changes.map((c) => (c.uncommitted ? { ...c, uncommitted: rows(c.uncommitted) } : c)),
  };
}

/** verify.run, recovery.plan/apply, checkpoint.plan/apply — the core's verify, recovery and checkpoint. */
export function storeOperations(state: ServiceState): Pick<Handlers, 'verify.run' | 'recovery.plan' | 'recovery.apply' | 'checkpoint.plan' | 'checkpoint.apply'> {
  return {
    'verify.run': async (args, job) => {
      const s = state.session(args.session_id);
      const dir = args.store === null ? null : args.store !== undefined || s.located.location.collectionDir ? storeDir(state, s, args.store, 'verify') : null;
      // Off the service's thread: reads keep being answered, and cancelling ends it at once.
      const r = await runTask({ kind: 'verify', location: s.located.location, store: dir, listed: VERIFY_LISTED, readTotal: s.indexer.progress().rows }, job, indexedRows(s));
      return { ...r, issues: withRows(s, r.issues), findings: withRows(s, r.findings) };
    },
    'recovery.plan': async (args, job): Promise<RecoveryPlan> => {
      const s = state.session(args.session_id);
      const dir = storeDir(state, s, args.store, 'recovery');
      const options = { store: dir, mode: args.mode, committed_only: args.committed_only ?? false, include_repaired: args.include_repaired ?? false };
      const hooks: RecoveryHooks = {
        signal: job.signal, onProgress: (p) => job.progress(p.done, p.total ?? null, 'entries', p.phase),
        records: (location, read) => timeSliced(read(location, { signal: job.signal }), job.signal, 'the recovery plan'),
      };
      const id = state.newId();
      if (args.into !== undefined) {
        // A rehearsal: the same recovery as exact operations bound to the log by digests, so it can be promoted.
        guardPath(state, path.dirname(path.resolve(args.into)), 'write');
        const planned = await planRecoveryFile(s.located.location, { ...options, into: args.into }, hooks);
        plans(s).rehearsal = { id, planned };
        return { ...withReportRows(s, planned.preview), plan_id: id };
      }
      const planned = await planRecoveryAt(s.located.location, options, hooks);
      await keepRecoveryPlan(state, s, id, planned.held);
      return { ...withReportRows(s, planned.preview), plan_id: id };
    },
    'recovery.apply': async (args, job) => {
      const s = state.session(args.session_id);
      const rehearsal = plans(s).rehearsal;
      if (rehearsal?.id === args.plan_id) {
        const { plan } = rehearsal.planned;
        guardPath(state, plan.into!, 'write');
        const r = await rehearseRecoveryAt(rehearsal.planned, job.signal);
        delete plans(s).rehearsal;
        await keepRehearsal(s, args.plan_id, plan);
        return withReportRows(s, r);
      }
      const entry = plans(s).recovery;
      if (entry?.id !== args.plan_id) fail('UNKNOWN_PLAN', `no recovery plan ${args.plan_id} in this session (a newer preview replaces it): plan again`);
      guardPath(state, entry.held.store, 'write');
      // Spent once it wrote anything, finished or not: a re-run plans again from what is on disk then.
      // Refused before writing (LOCKED, STORE_CHANGED, BACKUP_FAILED), it can be applied again.
      const spend = async () => {
        if (plans(s).recovery === entry) delete plans(s).recovery;
        if (entry.file) await removePlanFile(entry.file);
      };
      const held: HeldRecovery = entry.held.plan ? entry.held : { ...entry.held, plan: await readPlanFile(entry.file!) };
      let r;
      try {
        r = await applyRecoveryPlan(held, { backup: args.backup ?? true }, {
          signal: job.signal, onProgress: (p) => job.progress(p.done, p.total ?? null, 'files', p.phase),
        });
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (code === 'APPLY_FAILED' || code === 'ABORTED') await spend();
        throw err;
      }
      await spend();
      return withReportRows(s, r);
    },
    'checkpoint.plan': async (args, job): Promise<CheckpointPlan> => {
      const s = state.session(args.session_id);
      // The compaction preview verifies the whole log: off the service's thread.
      const planned = await planCheckpoint(s.located.location, args, {
        signal: job.signal,
        planCompaction: (location, choices) => runTask({ kind: 'compact-plan', location, ...choices }, job, indexedRows(s)),
      });
      const id = state.newId();
      plans(s).checkpoint = { id, plan: planned.held };
      return { plan_id: id, ...planned.preview };
    },
    'checkpoint.apply': async (args, job) => {
      const s = state.session(args.session_id);
      const entry = plans(s).checkpoint;
      if (entry?.id !== args.plan_id) fail('UNKNOWN_PLAN', `no checkpoint plan ${args.plan_id} in this session (a newer preview replaces it): preview again`);
      guardPath(state, s.located.location.walDir ?? path.dirname(s.located.segments[0]?.path ?? s.input), 'write');
      delete plans(s).checkpoint;
      return applyCheckpoint(s.located.location, entry.plan, { signal: job.signal, onProgress: (x) => job.progress(x.done, null, 'files', x.phase) });
    },
  };
}
