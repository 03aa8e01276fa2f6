import { formatCount } from '../lib/format.js';
import { useAppStore } from '../store/app-store.js';
import { selectDamageCount } from '../store/selectors.js';

/** How many damaged ranges; a click shows only them. */
export function DamageBadge() {
  const damaged = useAppStore(selectDamageCount);
  const complete = useAppStore((s) => s.session?.progress.complete ?? false);
  const setFilter = useAppStore((s) => s.setFilter);
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
    </button>
  );
}
