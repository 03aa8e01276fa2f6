import * as path from 'node:path';
import type { StoreCheckpointPlan, StoreRecoveryPlan } from '../contract/contract.js';
import type { StoreRecoveryResult } from '../contract/contract-store.js';
import { VERIFY_LISTED } from '../contract/contract.js';
import { fail } from './inspector-error.js';
import type { JobContext } from './jobs.js';
import { withReportRows } from './operations-store.js';
import { withRows } from './query/find-row.js';
import { runTask } from './run-in-worker.js';
import { guardPath, type Handlers, type ServiceState } from './service-state.js';
import { heldStoreRecovery, keepStoreRecovery, spendStoreRecovery, storePlans } from './store-session-plans.js';
import { timeSliced } from './time-sliced.js';
import {
  applyStoreCheckpoint, applyStoreRecovery, planStoreCheckpoint, planStoreRecovery, storeTarget, verifyStore, type StoreTarget,
} from './use-cases/store-wide.js';
import type { Session } from './session.js';
import { keepRehearsal } from './session-rehearsals.js';
import type { RecoveryHooks } from './use-cases/recovery.js';
import { planStoreRecoveryFile, rehearseStoreRecoveryAt } from './use-cases/recovery-plan-file.js';
import type { StoreProgress } from './use-cases/store-wide.js';

/** The collections of a store session a call works on: those named (each must be in it), else all. */
function pickedNames(session: Session, names: readonly string[] | undefined): string[] {
  const store = session.located.store ?? fail('NOT_AVAILABLE', 'this is a store session\'s operation: open a store root of several collections');
  const open = store.parts.map((p) => p.collection.name);
  if (!names || names.length === 0) return open;
  for (const n of names) {
    if (!open.includes(n)) fail('NOT_FOUND', `no collection "${n}" in this session (collections: ${open.join(', ')})`, { collection: n });
  }
  return [...names];
}

/**
 * The store-wide target of a call. Named collections are taken as named; without names a read
 * takes every collection of the session, and a write what `recover <root>` / `checkpoint <root>`
 * take — system collections left out (listed as skipped, saying why) — within the session.
 */
async function sessionTarget(state: ServiceState, s: Session, names: readonly string[] | undefined, purpose: 'read' | 'write'): Promise<StoreTarget> {
  const picked = pickedNames(s, names);
  const explicit = names !== undefined && names.length > 0;
  const root = guardPath(state, s.located.store!.root, purpose);
  const target = await storeTarget(root, explicit || purpose === 'read' ? picked : undefined, purpose);
  if (!target) fail('NOT_FOUND', `${root} is no longer a store root (data/ is gone): open it again`, { file: root });
  if (explicit || purpose === 'read') return target;
  const open = new Set(picked);
  return { ...target, collections: target.collections.filter((c) => open.has(c.name)), skipped: target.skipped.filter((x) => open.has(x.collection)) };
}

/** Progress is the current collection's, its message naming the collection. */
function storeProgress(job: JobContext, unit: 'entries' | 'files') {
  let current = '';
  return {
    signal: job.signal,
    onCollection: (name: string, index: number, count: number) => { current = `${name} (${index + 1} of ${count})`; },
    onProgress: (p: { phase: string; done: number; total?: number }) => job.progress(p.done, p.total ?? null, unit, `${p.phase} ${current}`),
  };
}

/** Each collection's listed entries with their rows in the store session (segments named `<collection>/<segment>`). */
function storeRows<P extends { readonly collection: string; readonly issues: readonly object[]; readonly findings: readonly object[] }>(s: Session, p: P): P {
  const prefix = `${p.collection}/`;
  return { ...p, issues: withRows(s, p.issues, prefix), findings: withRows(s, p.findings, prefix) };
}

/**
 * store.verify, store.plan_recovery/apply_recovery, store.plan_checkpoint/apply_checkpoint: the
 * store-wide use cases (store-wide.ts) over a store session's collections, so that each
 * collection's section is exactly `<command> <collection> --json` (plus each listed entry's row)
 * and the totals its sums.
 */
export function storeSessionOperations(state: ServiceState): Pick<Handlers, 'store.verify' | 'store.plan_recovery' | 'store.apply_recovery' | 'store.plan_checkpoint' | 'store.apply_checkpoint'> {
  return {
    'store.verify': async (args, job) => {
      const s = state.session(args.session_id);
      const target = await sessionTarget(state, s, args.collections, 'read');
      const r = await verifyStore(target, { listed: VERIFY_LISTED, ...storeProgress(job, 'entries') });
      return { ...r, collections: r.collections.map((p) => storeRows(s, p)) };
    },
    'store.plan_recovery': async (args, job): Promise<StoreRecoveryPlan> => {
      const s = state.session(args.session_id);
      const target = await sessionTarget(state, s, args.collections, 'write');
      const options = { mode: args.mode, committed_only: args.committed_only ?? false, include_repaired: args.include_repaired ?? false };
      const hooks: RecoveryHooks & StoreProgress = {
        ...storeProgress(job, 'entries'),
        records: (location, read) => timeSliced(read(location, { signal: job.signal }), job.signal, 'the recovery plan'),
      };
      const id = state.newId();
      if (args.into !== undefined) {
        // A rehearsal: the store's recovery as exact operations bound to the logs by digests, so it can be promoted.
        guardPath(state, path.dirname(path.resolve(args.into)), 'write');
        const planned = await planStoreRecoveryFile(target, { ...options, into: args.into }, hooks);
        storePlans(s).rehearsal = { id, planned };
        const p = planned.preview;
        return { ...p, collections: p.collections.map((c) => withReportRows(s, c, `${c.collection}/`)), plan_id: id };
      }
      const planned = await planStoreRecovery(target, options, hooks);
      await keepStoreRecovery(s, id, planned.held, { fileOver: state.options.planFileOver ?? 1000, dir: state.options.planDir });
      const p = planned.preview;
      return { ...p, collections: p.collections.map((c) => withReportRows(s, c, `${c.collection}/`)), plan_id: id };
    },
    'store.apply_recovery': async (args, job): Promise<StoreRecoveryResult> => {
      const s = state.session(args.session_id);
      const rehearsal = storePlans(s).rehearsal;
      if (rehearsal?.id === args.plan_id) {
        const { plan } = rehearsal.planned;
        guardPath(state, plan.into!, 'write');
        const r = await rehearseStoreRecoveryAt(rehearsal.planned, job.signal);
        delete storePlans(s).rehearsal;
        await keepRehearsal(s, args.plan_id, plan);
        return { ...r, collections: r.collections.map((c) => withReportRows(s, c, `${c.collection}/`)) };
      }
      const entry = storePlans(s).recovery;
      if (entry?.id !== args.plan_id) fail('UNKNOWN_PLAN', `no store recovery plan ${args.plan_id} in this session (a newer preview replaces it): plan again`);
      guardPath(state, entry.root, 'write');
      const progress = storeProgress(job, 'files');
      let started = -1;
      let r;
      try {
        r = await applyStoreRecovery(await heldStoreRecovery(entry), { backup: args.backup ?? true }, {
          ...progress, onCollection: (name, index, count) => { started = index; progress.onCollection(name, index, count); },
        });
      } catch (err) {
        // Refused by the first collection before it wrote (LOCKED, STORE_CHANGED, BACKUP_FAILED) it can be applied again;
        // once any collection was written the plan is spent, and planning again finishes the job.
        const code = (err as { code?: unknown }).code;
        if (started > 0 || code === 'APPLY_FAILED' || code === 'ABORTED') await spendStoreRecovery(s, entry);
        throw err;
      }
      await spendStoreRecovery(s, entry);
      return { ...r, collections: r.collections.map((c) => withReportRows(s, c, `${c.collection}/`)) };
    },
    'store.plan_checkpoint': async (args, job): Promise<StoreCheckpointPlan> => {
      const s = state.session(args.session_id);
      const target = await sessionTarget(state, s, args.collections, 'write');
      const planned = await planStoreCheckpoint(target, args, {
        ...storeProgress(job, 'entries'),
        // Each compaction preview verifies the collection's whole log: off the service's thread.
        planCompaction: (location, choices) => runTask({ kind: 'compact-plan', location, ...choices }, job, null),
      });
      const id = state.newId();
      storePlans(s).checkpoint = { id, held: planned.held };
      return { ...planned.preview, plan_id: id };
    },
    'store.apply_checkpoint': async (args, job) => {
      const s = state.session(args.session_id);
      const entry = storePlans(s).checkpoint;
      if (entry?.id !== args.plan_id) fail('UNKNOWN_PLAN', `no store checkpoint plan ${args.plan_id} in this session (a newer preview replaces it): preview again`);
      guardPath(state, entry.held.root, 'write');
      delete storePlans(s).checkpoint;
      return applyStoreCheckpoint(entry.held, storeProgress(job, 'files'));
    },
  };
}
