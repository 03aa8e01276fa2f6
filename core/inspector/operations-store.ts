import * as path from 'node:path';
import { applyCompaction } from '../checkpoint/index.js';
import { checkpointLog } from '../checkpoint/log-position.js';
import type { CompactPlan } from '../checkpoint/checkpoint-types.js';
import { readLog } from '../wal/read-log.js';
import type { CheckpointPlan, RecoveryPlan, RecoveryReport } from '../contract/contract-jobs.js';
import { VERIFY_LISTED } from '../contract/contract.js';
import { fail } from './inspector-error.js';
import { withRows } from './query/find-row.js';
import { runTask } from './run-in-worker.js';
import { timeSliced } from './time-sliced.js';
import { applyRecoveryPlan, planRecoveryAt, type HeldRecovery } from './use-cases/recovery.js';
import { guardPath, type Handlers, type ServiceState } from './service-state.js';
import type { Session } from './session.js';

type Plans = Map<string, { sessionId: string; recovery?: HeldRecovery; checkpoint?: CompactPlan | null }>;
const plansOf = new WeakMap<ServiceState, Plans>();

function plans(state: ServiceState): Plans {
  let p = plansOf.get(state);
  if (!p) plansOf.set(state, (p = new Map()));
  return p;
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

function checkpointPlanOf(id: string, compact: boolean, p: CompactPlan): CheckpointPlan {
  return {
    plan_id: id, compact, verify_passed: p.verification.passed, entries_processed: p.verification.entriesProcessed,
    critical_issues: p.verification.criticalIssues,
    seal: p.seal ? { segment: p.seal.from, from: p.seal.from, to: p.seal.to, final: p.seal.final, compression: p.seal.compression, entries: p.position.entries } : null,
    remove: p.remove.map((r) => ({ segment: r.segment, reason: r.reason, duplicates: [...r.duplicates] })),
    refused: p.refused,
    blocked_by: p.blockers.map((b) => ({
      kind: b.kind, description: b.description, ...(b.documentId !== undefined ? { document_id: b.documentId } : {}),
      ...(b.segment !== undefined ? { segment: b.segment } : {}), ...(b.offset !== undefined ? { offset: b.offset } : {}),
    })),
    blocked_total: p.blockersTotal, position: p.position,
  };
}

/** What the service adds to a recovery's report: each listed entry's row in this session. */
function withReportRows<T extends RecoveryReport>(session: Session, r: T): T {
  return {
    ...r, failures: withRows(session, r.failures), lost: withRows(session, r.lost), flagged: withRows(session, r.flagged),
    ...(r.dropped ? { dropped: withRows(session, r.dropped) } : {}),
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
      const planned = await planRecoveryAt(s.located.location, { store: dir, mode: args.mode, committed_only: args.committed_only ?? false }, {
        signal: job.signal, onProgress: (p) => job.progress(p.done, p.total ?? null, 'entries', p.phase),
        records: (location) => timeSliced(readLog(location, { signal: job.signal }), job.signal, 'the recovery plan'),
      });
      const id = state.newId();
      plans(state).set(id, { sessionId: s.id, recovery: planned.held });
      return { ...withReportRows(s, planned.preview), plan_id: id };
    },
    'recovery.apply': async (args, job) => {
      const s = state.session(args.session_id);
      const entry = plans(state).get(args.plan_id);
      if (!entry?.recovery || entry.sessionId !== s.id) fail('UNKNOWN_PLAN', `no recovery plan ${args.plan_id} in this session: plan again`);
      guardPath(state, entry.recovery.store, 'write');
      const r = await applyRecoveryPlan(entry.recovery, { backup: args.backup ?? true }, {
        signal: job.signal, onProgress: (p) => job.progress(p.done, p.total ?? null, 'files', p.phase),
      });
      plans(state).delete(args.plan_id);
      return withReportRows(s, r);
    },
    'checkpoint.plan': async (args, job): Promise<CheckpointPlan> => {
      const s = state.session(args.session_id);
      const id = state.newId();
      if (!args.compact) {
        plans(state).set(id, { sessionId: s.id, checkpoint: null });
        return {
          plan_id: id, compact: false, verify_passed: null, entries_processed: 0, critical_issues: 0, seal: null, remove: [], refused: null, blocked_by: [], blocked_total: 0,
          position: { segment: s.segments.at(-1)?.name ?? null, offset: s.segments.at(-1)?.fileBytes ?? 0, entries: 0, segments: s.segments.length },
        };
      }
      const p = await runTask({
        kind: 'compact-plan', location: s.located.location,
        ...(args.compression ? { compression: args.compression } : {}),
        ...(args.remove_older_than_ms !== undefined ? { maxAgeSecs: Math.floor(args.remove_older_than_ms / 1000) } : {}),
        ...(args.keep_segments !== undefined ? { keep: args.keep_segments } : {}),
      }, job, indexedRows(s));
      plans(state).set(id, { sessionId: s.id, checkpoint: p });
      return checkpointPlanOf(id, true, p);
    },
    'checkpoint.apply': async (args, job) => {
      const s = state.session(args.session_id);
      const entry = plans(state).get(args.plan_id);
      if (!entry || entry.checkpoint === undefined || entry.sessionId !== s.id) fail('UNKNOWN_PLAN', `no checkpoint plan ${args.plan_id} in this session: preview again`);
      guardPath(state, s.located.location.walDir ?? path.dirname(s.located.segments[0]?.path ?? s.input), 'write');
      plans(state).delete(args.plan_id);
      if (entry.checkpoint === null) {
        const r = await checkpointLog(s.located.location, job.signal);
        return { sealed: null, removed: [], kept: [], synced: r.synced, position: r.position };
      }
      if (entry.checkpoint.refused) fail('VERIFY_FAILED', entry.checkpoint.refused);
      const r = await applyCompaction(entry.checkpoint, { signal: job.signal, onProgress: (x) => job.progress(x.done, null, 'files', x.phase) });
      return { sealed: r.sealed, removed: [...r.removed], kept: r.kept.map((k) => ({ file: k.file, reason: k.reason })), synced: true, position: r.position };
    },
  };
}
