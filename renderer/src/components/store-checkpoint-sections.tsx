import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/app-store.js';
import { CheckpointPlanSection } from './checkpoint-plan-section.js';
import { CollectionTicks } from './collection-ticks.js';

/** The checkpoint dialog on a store session: which collections, a preview section per collection, and what was done in each. */
export function StoreCheckpointSections() {
  const { plan, result } = useAppStore(useShallow((s) => ({ plan: s.storeCheckpointPlan, result: s.storeCheckpointResult })));
  return (
    <div data-testid="store-checkpoint">
      <CollectionTicks legend="Collections to checkpoint, each its own .wal/ (refused ones are left as they are)" />
      {plan && (
        <>
          <p>
            {plan.seals} to seal, {plan.removals} to remove over {plan.collections.length} collections
            {plan.refused_collections > 0 ? ` — ${plan.refused_collections} refused (applying leaves them as they are)` : ''}.
          </p>
          {plan.skipped_collections.map((s) => (
            <p key={s.collection} className="muted small">
              {s.collection}: left out ({s.reason})
            </p>
          ))}
          {plan.collections.map((c) => (
            <div key={c.collection} className="collection-section" data-testid="collection-section" data-collection={c.collection}>
              <CheckpointPlanSection plan={c} title={c.collection} />
            </div>
          ))}
        </>
      )}
      {result && (
        <div className="verdict passed" role="status" data-testid="store-checkpoint-result">
          <span className="verdict-mark">✓</span>
          <span>
            Checkpoint done in {result.collections.map((c) => c.collection).join(', ') || 'no collection'}: {result.sealed} sealed, {result.removed} removed
            {result.kept > 0 ? `, ${result.kept} kept` : ''}{result.synced ? ', all synced' : ''}.
            {result.skipped_collections.map((s) => ` ${s.collection}: ${s.reason}.`).join('')}
          </span>
        </div>
      )}
    </div>
  );
}
