import { formatLocalTime } from '../lib/format.js';
import { useAppStore } from '../store/app-store.js';

/** Recently opened paths, newest first. */
export function RecentList() {
  const recent = useAppStore((s) => s.recent);
  const openPath = useAppStore((s) => s.openPath);
  const clearRecent = useAppStore((s) => s.clearRecent);
  if (recent.length === 0) return null;
  return (
    <section className="start-section">
      <div className="section-head">
        <h2>Recent</h2>
        <button type="button" className="link-button small" onClick={() => void clearRecent()}>
          Clear
        </button>
      </div>
      <ul className="recent-list">
        {recent.map((item) => (
          <li key={`${item.path}|${item.collection ?? ''}`}>
            <button type="button" className="recent-item" onClick={() => void openPath(item.path, item.collection ?? undefined)}>
              <span className="mono">{item.path}</span>
              {item.collection && <span className="muted"> · {item.collection}</span>}
              <span className="faint small">{formatLocalTime(item.opened_at)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
