import type { RestorePlanArgs } from '../contract.js';
import { inspectorApi } from '../store/api-ref.js';
import { useAppStore } from '../store/app-store.js';
import { RehearsalFlow } from './rehearsal-flow.js';

/** What a restore does (a point, a document's version, transactions left out): restore.plan's own arguments. */
export type RestoreTarget = Pick<RestorePlanArgs, 'until' | 'exclusive' | 'exclude_tx' | 'exclude_range' | 'document'>;

/**
 * "Restore into a new folder (rehearse)", beside every restore's preview (to here, this version,
 * undo a transaction): the restore `target` names, written into a new folder the user names
 * (restore.plan with `into`, then restore.apply — the live store is not touched), then the
 * rehearsal's diff, promote and discard (rehearsal-flow.tsx).
 */
export function RehearseRestore({ target, what }: { readonly target: RestoreTarget; readonly what: string }) {
  const session = useAppStore((s) => s.session);
  const key = JSON.stringify(target);
  return (
    <RehearsalFlow
      label="Restore into a new folder (rehearse)…" formLabel="Rehearse the restore" what={what} planKey={key}
      store={session?.collection_dir ?? session?.input ?? null}
      rehearse={async (into) => {
        if (!session) return { ok: false, error: { code: 'UNKNOWN_SESSION', message: 'no log is open', context: {} } };
        const plan = await inspectorApi().restore.plan({ session_id: session.session_id, ...target, into });
        if (!plan.ok) return plan;
        const wrote = await inspectorApi().restore.apply({ session_id: session.session_id, plan_id: plan.value.plan_id });
        if (!wrote.ok) return wrote;
        return { ok: true, value: { plan_id: plan.value.plan_id, store: plan.value.store, changes: plan.value.changes.length } };
      }}
    />
  );
}
