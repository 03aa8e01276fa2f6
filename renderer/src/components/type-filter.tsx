import { ENTRY_TYPE_NAMES } from '../contract.js';
import { typeClass } from '../lib/field-colors.js';
import { useAppStore } from '../store/app-store.js';

/** One toggle chip per entry type; none pressed means every type. */
export function TypeFilter() {
  const types = useAppStore((s) => s.filter.types);
  const toggleType = useAppStore((s) => s.toggleType);
  return (
    <div className="type-filter" role="group" aria-label="Entry types">
      {ENTRY_TYPE_NAMES.map((type) => {
        const pressed = types?.includes(type) ?? false;
        return (
          <button
            key={type}
            type="button"
            aria-pressed={pressed}
            className={`chip type-toggle ${typeClass(type)}${pressed ? ' pressed' : ''}${types && !pressed ? ' dimmed' : ''}`}
            onClick={() => toggleType(type)}
          >
            {type}
          </button>
        );
      })}
    </div>
  );
}
