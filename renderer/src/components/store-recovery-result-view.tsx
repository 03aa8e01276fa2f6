import type { StoreRecoveryResult } from '../contract.js';
import { RecoveryResultView } from './recovery-result-view.js';

/** Step 4 on a store session: the totals, then each collection's report (what it wrote, where its backup is). */
export function StoreRecoveryResultView({ result }: { readonly result: StoreRecoveryResult }) {
  return (
    <div className="recovery-result" data-testid="store-recovery-result">
      <p>
        <strong>
          {result.applied} document{result.applied === 1 ? '' : 's'} written over {result.collections.length} collection{result.collections.length === 1 ? '' : 's'}
        </strong>{' '}
        · {result.recovered_operations} recovered, {result.skipped_operations} skipped, {result.failed_operations} failed
      </p>
      {result.collections.map((c) => (
        <section key={c.collection} className="collection-section" data-testid="collection-section" data-collection={c.collection} aria-label={`Collection ${c.collection}`}>
          <h3 className="collection-section-title">{c.collection}</h3>
          <RecoveryResultView result={c} />
        </section>
      ))}
    </div>
  );
}
