import type { Outcome, RecoveryPlan, StoreRecoveryPlan } from '../contract.js';
import { inspectorApi } from '../store/api-ref.js';
import { useAppStore } from '../store/app-store.js';
import { RehearsalFlow, type Rehearsed } from './rehearsal-flow.js';

const noSession: Outcome<never> = { ok: false, error: { code: 'UNKNOWN_SESSION', message: 'no log is open', context: {} } };

/** A collection's recovery preview, or a store session's (its `collections` the sections). */
type PreviewedRecovery = (RecoveryPlan & { readonly collections?: undefined }) | StoreRecoveryPlan;

/** The previewed recovery planned again with `into`, then applied: a collection's (recovery.*) or a store session's (store.*_recovery). */
async function rehearse(sessionId: string, plan: PreviewedRecovery, into: string): Promise<Outcome<Rehearsed>> {
  const api = inspectorApi();
  const repaired = plan.collections === undefined ? plan.include_repaired : plan.collections.some((c) => c.include_repaired);
  const common = { session_id: sessionId, mode: plan.mode, committed_only: plan.committed_only, ...(repaired ? { include_repaired: true } : {}), into };
  if (plan.collections === undefined) {
    const planned = await api.recovery.plan({ ...common, store: plan.store });
    if (!planned.ok) return planned;
    const wrote = await api.recovery.apply({ session_id: sessionId, plan_id: planned.value.plan_id });
    if (!wrote.ok) return wrote;
    return { ok: true, value: { plan_id: planned.value.plan_id, store: planned.value.store, changes: planned.value.changes.length } };
  }
  const planned = await api.store.plan_recovery({ ...common, collections: plan.collections.map((c) => c.collection) });
  if (!planned.ok) return planned;
  const wrote = await api.store.apply_recovery({ session_id: sessionId, plan_id: planned.value.plan_id });
  if (!wrote.ok) return wrote;
  return { ok: true, value: { plan_id: planned.value.plan_id, store: planned.value.store, changes: planned.value.document_changes } };
}

/**
 * "Recover into a new folder (rehearse)", beside the recovery wizard's preview: the recovery that
 * preview shows (its mode, committed-only, repaired entries; the store, or a store session's
 * collections), written into a new folder the user names (recovery.plan or store.plan_recovery
 * with `into`, then its apply — the live store is not touched, and the wizard's own plan stays
 * valid), then the rehearsal's diff, promote and discard (rehearsal-flow.tsx).
 */
export function RehearseRecovery({ plan }: { readonly plan: PreviewedRecovery }) {
  const sessionId = useAppStore((s) => s.session?.session_id ?? null);
  const markVerifyStale = useAppStore((s) => s.markVerifyStale);
  const what = `the ${plan.mode} recovery${plan.committed_only ? ' of committed transactions only' : ''}`;
  return (
    <RehearsalFlow
      label="Recover into a new folder (rehearse)…" formLabel="Rehearse the recovery" what={what} store={plan.store}
      planKey={plan.plan_id} onPromoted={() => markVerifyStale('a recovery changed documents since it ran')}
      rehearse={(into) => (sessionId === null ? Promise.resolve(noSession) : rehearse(sessionId, plan, into))}
    />
  );
}
