import { useEffect, useState } from 'react';
import { describeSummary, summarizeDamage, type DamageSummary } from '../lib/damage-summary.js';
import { formatCount } from '../lib/format.js';
import { inspectorApi } from '../store/api-ref.js';
import { useAppStore } from '../store/app-store.js';
import { selectDamageCount } from '../store/selectors.js';

/** Ranges whose impact the badge sums (more are counted, not summed). */
const SUMMED = 1000;

/** What the damage cost in all, from the first SUMMED ranges; asked again when their number changes. */
function useDamageSummary(damaged: number): DamageSummary | null {
  const sessionId = useAppStore((s) => s.session?.session_id ?? null);
  const [summary, setSummary] = useState<DamageSummary | null>(null);
  useEffect(() => {
    if (!sessionId || damaged === 0) {
      setSummary(null);
      return;
    }
    let live = true;
    void inspectorApi().damage.list({ session_id: sessionId, offset: 0, limit: SUMMED }).then((r) => {
      if (live && r.ok) setSummary(summarizeDamage(r.value.items, r.value.total));
    });
    return () => {
      live = false;
    };
  }, [sessionId, damaged]);
  return summary;
}

/** How many damaged ranges and what they cost; a click shows only them. */
export function DamageBadge() {
  const damaged = useAppStore(selectDamageCount);
  const complete = useAppStore((s) => s.session?.progress.complete ?? false);
  const setFilter = useAppStore((s) => s.setFilter);
  const summary = useDamageSummary(damaged);
  if (damaged === 0) {
    return <span className="badge ok">{complete ? 'no damage' : 'no damage so far'}</span>;
  }
  return (
    <button
      type="button"
      className="badge trouble"
      title="Show only the damaged ranges"
      onClick={() => setFilter({ damage: 'only' })}
      data-testid="damage-badge"
    >
      ⚠ {formatCount(damaged)} damaged range{damaged === 1 ? '' : 's'}
      {summary && <span className="damage-summary"> — {describeSummary(summary)}</span>}
    </button>
  );
}
