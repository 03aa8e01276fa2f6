import type { RecoveryPlan } from '../contract.js';
import { inspectorApi } from '../store/api-ref.js';
import { useAppStore } from '../store/app-store.js';
import { RehearsalFlow } from './rehearsal-flow.js';

/**
 * "Recover into a new folder (rehearse)", beside the recovery wizard's preview: the recovery that
 * preview shows (its mode, committed-only, repaired entries, store), written into a new folder the
 * user names (recovery.plan with `into`, then recovery.apply — the live store is not touched, and
 * the wizard's own plan stays valid), then the rehearsal's diff, promote and discard (rehearsal-flow.tsx).
 */
export function RehearseRecovery({ plan }: { readonly plan: RecoveryPlan }) {
  const sessionId = useAppStore((s) => s.session?.session_id ?? null);
  const markVerifyStale = useAppStore((s) => s.markVerifyStale);
  const what = `the ${plan.mode} recovery${plan.committed_only ? ' of committed transactions only' : ''}`;
  return (
    <RehearsalFlow
      label="Recover into a new folder (rehearse)…" formLabel="Rehearse the recovery" what={what} store={plan.store}
      planKey={plan.plan_id} onPromoted={() => markVerifyStale('a recovery changed documents since it ran')}
      rehearse={async (into) => {
        if (sessionId === null) return { ok: false, error: { code: 'UNKNOWN_SESSION', message: 'no log is open', context: {} } };
        const planned = await inspectorApi().recovery.plan({
          session_id: sessionId, store: plan.store, mode: plan.mode, committed_only: plan.committed_only,
          ...(plan.include_repaired ? { include_repaired: true } : {}), into,
        });
        if (!planned.ok) return planned;
        const wrote = await inspectorApi().recovery.apply({ session_id: sessionId, plan_id: planned.value.plan_id });
        if (!wrote.ok) return wrote;
        return { ok: true, value: { plan_id: planned.value.plan_id, store: planned.value.store, changes: planned.value.changes.length } };
      }}
    />
  );
}
