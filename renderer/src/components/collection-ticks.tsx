import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/app-store.js';
import { selectTickedCollections } from '../store/slices/store-session-slice.js';

/** The store session's collections as checkboxes (the same ticks as the collection list): what Verify and Recover work on. */
export function CollectionTicks({ legend }: { readonly legend: string }) {
  const collections = useAppStore(useShallow((s) => s.session?.store?.collections ?? []));
  const ticked = useAppStore(useShallow(selectTickedCollections));
  const toggle = useAppStore((s) => s.toggleStoreCollection);
  return (
    <fieldset className="collection-ticks" data-testid="collection-ticks">
      <legend>{legend}</legend>
      {collections.map((c) => (
        <label key={c.collection} className="check-option">
          <input type="checkbox" checked={ticked.includes(c.collection)} onChange={(e) => toggle(c.collection, e.target.checked)} />
          <span>
            {c.collection}
            {c.system ? <span className="muted small"> (system: only when ticked)</span> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
