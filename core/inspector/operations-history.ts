import path from 'node:path';
import type { DocumentHistoryView, HistoryGetArgs, RestoreApplyArgs, RestorePlanArgs, RestorePlanResult, RestoreReport } from '../contract/contract-history.js';
import type { RehearsalArgs, RestoreDiscardResult, RestorePromoteResult, StoreCompareArgs, StoreComparison } from '../contract/contract-rehearsal.js';
import { discardRehearsal, promotedPlan } from '../restore/rehearsal.js';
import type { RestorePlan } from '../restore/restore-types.js';
import { fail } from './inspector-error.js';
import type { JobContext } from './jobs.js';
import { sessionDocumentHistory } from './query/document-history.js';
import { guardPath, type ServiceState } from './service-state.js';
import type { Session } from './session.js';
import { timeSliced } from './time-sliced.js';
import { dropRehearsal, keepRehearsal, rehearsalOf } from './session-rehearsals.js';
import { compareAt } from './use-cases/compare.js';
import { promoteAt } from './use-cases/rehearsal.js';
import { applyRestoreAt, planRestoreAt } from './use-cases/restore.js';

/** A session's restore plan: one at a time (a newer preview replaces it), freed with the session. */
const restorePlans = new WeakMap<Session, { readonly id: string; readonly plan: RestorePlan }>();
/** history.get, restore.plan/apply/promote/discard, store.compare: the core's history and restore over a session. */
export function historyOperations(state: ServiceState) {
  return {
    'history.get': async (args: HistoryGetArgs): Promise<DocumentHistoryView> => sessionDocumentHistory(state.session(args.session_id), args.document_id),
    'restore.plan': async (args: RestorePlanArgs, job: JobContext): Promise<RestorePlanResult> => {
      const s = state.session(args.session_id);
      const given = args.store ?? s.located.location.collectionDir;
      if (!given) fail('INVALID_ARGUMENT', 'restore needs the collection directory or store root: open the collection instead of a lone segment, or give "store"', { field: 'store' });
      const store = guardPath(state, given, 'read');
      if (args.into !== undefined) guardPath(state, path.dirname(path.resolve(args.into)), 'write');
      const plan = await planRestoreAt({
        store, ...(args.collection !== undefined ? { collection: args.collection } : {}),
        ...(args.until !== undefined ? { until: args.until, exclusive: args.exclusive ?? false } : {}),
        ...(args.exclude_tx !== undefined ? { exclude_tx: args.exclude_tx.join(',') } : {}),
        ...(args.exclude_range !== undefined ? { exclude_range: args.exclude_range } : {}),
        ...(args.document !== undefined ? { document: args.document } : {}),
        ...(args.on_conflict !== undefined ? { on_conflict: args.on_conflict } : {}),
        include_uncommitted: args.include_uncommitted ?? false, include_repaired: args.include_repaired ?? false,
        ...(args.into !== undefined ? { into: args.into } : {}),
        // A rehearsal can be promoted: the same plan, bound to the log it read by digests.
        plan_out: args.into !== undefined,
      }, {
        signal: job.signal, onProgress: (p) => job.progress(p.done, null, 'entries', p.phase),
        records: (location, read) => timeSliced(read(location, { signal: job.signal }), job.signal, 'the restore plan'),
      });
      const id = state.newId();
      restorePlans.set(s, { id, plan });
      return { ...plan.report, plan_id: id };
    },
    'restore.apply': async (args: RestoreApplyArgs, job: JobContext): Promise<RestoreReport> => {
      const s = state.session(args.session_id);
      const held = restorePlans.get(s);
      if (held?.id !== args.plan_id) fail('UNKNOWN_PLAN', `no restore plan ${args.plan_id} in this session (a newer preview replaces it): plan again`);
      guardPath(state, held.plan.into ?? held.plan.store, 'write');
      const done = await applyRestoreAt(held.plan, { backup: args.backup ?? true, signal: job.signal });
      restorePlans.delete(s);
      await keepRehearsal(s, args.plan_id, held.plan);
      return done;
    },
    'restore.promote': async (args: RehearsalArgs, job: JobContext): Promise<RestorePromoteResult> => {
      const s = state.session(args.session_id);
      const { plan } = rehearsalOf(s, args.plan_id);
      guardPath(state, plan.store, 'write');
      // The very operations the rehearsal wrote (a restore's or a recovery's), now on the live store: refused if its log or files moved on.
      return promoteAt(promotedPlan(plan), { backup: args.backup ?? true, signal: job.signal });
    },
    'restore.discard': async (args: RehearsalArgs): Promise<RestoreDiscardResult> => {
      const s = state.session(args.session_id);
      const { plan, written } = rehearsalOf(s, args.plan_id);
      const dir = guardPath(state, plan.into!, 'write');
      await discardRehearsal(dir, written);
      dropRehearsal(s);
      return { removed: dir };
    },
    'store.compare': async (args: StoreCompareArgs): Promise<StoreComparison> =>
      compareAt(guardPath(state, args.left, 'read'), guardPath(state, args.right, 'read'), {
        ...(args.offset !== undefined ? { offset: args.offset } : {}), ...(args.limit !== undefined ? { limit: args.limit } : {}),
      }),
  };
}
