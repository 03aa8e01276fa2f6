import type { RecoveryCounts as Counts } from '../contract.js';
import { formatCount } from '../lib/format.js';

/** recovered / skipped / failed / lost / dropped / documents changed. */
export function RecoveryCounts({ counts, verb }: { readonly counts: Counts; readonly verb: 'would' | 'did' }) {
  const items: Array<[string, number, string]> = [
    [verb === 'would' ? 'documents would change' : 'documents changed', counts.changes.length, counts.changes.length > 0 ? 'accent' : ''],
    ['operations recovered', counts.recovered_operations, ''],
    ['skipped', counts.skipped_operations, ''],
    ['failed', counts.failed_operations, counts.failed_operations > 0 ? 'trouble' : ''],
    ['damaged ranges lost', counts.lost.length, counts.lost.length > 0 ? 'trouble' : ''],
  ];
  if (counts.dropped_entries !== undefined) items.push(['entries dropped (not committed)', counts.dropped_entries, '']);
  return (
    <dl className="count-grid" data-testid="recovery-counts">
      {items.map(([label, n, tone]) => (
        <div key={label} className={`count ${tone}`}>
          <dt>{label}</dt>
          <dd>{formatCount(n)}</dd>
        </div>
      ))}
    </dl>
  );
}
