import { useAppStore } from '../store/app-store.js';
import { ErrorMessage } from './error-message.js';

/** Why the last open failed; for a store with several collections, the choice. */
export function OpenError() {
  const openError = useAppStore((s) => s.openError);
  const openPath = useAppStore((s) => s.openPath);
  if (!openError) return null;
  const { path, error } = openError;
  if (error.code === 'CHOOSE_COLLECTION' && error.context.collections?.length) {
    return (
      <div className="choose-collection" role="alert">
        <p>
          <strong>{path}</strong> is a store with several collections. Which one?
        </p>
        <div className="places">
          {error.context.collections.map((c) => (
            <button key={c} type="button" onClick={() => void openPath(path, c)}>
              {c}
            </button>
          ))}
        </div>
      </div>
    );
  }
  return <ErrorMessage title={`Could not open ${path}`} error={error} />;
}
