import { useAppStore } from '../store/app-store.js';
import { selectSessionTitle } from '../store/selectors.js';
import { formatBytes, formatCount, formatDuration, formatLocalTime } from '../lib/format.js';
import { DamageBadge } from './damage-badge.js';
import { IndexProgress } from './index-progress.js';
import { SegmentSummary } from './segment-summary.js';

/** What is open and its shape; the actions that work on the whole log. */
export function HeaderBar() {
  const session = useAppStore((s) => s.session);
  const title = useAppStore(selectSessionTitle);
  const closeSession = useAppStore((s) => s.closeSession);
  const setFollow = useAppStore((s) => s.setFollow);
  const openPath = useAppStore((s) => s.openPath);
  const runVerify = useAppStore((s) => s.runVerify);
  const openRecovery = useAppStore((s) => s.openRecovery);
  const openCheckpoint = useAppStore((s) => s.openCheckpoint);
  const verifying = useAppStore((s) => s.verifyRunning !== null);
  if (!session) return null;
  const size = session.segments.reduce((sum, s) => sum + s.file_bytes, 0);
  const { progress } = session;
  const unread = session.unread_bytes ?? 0;
  // A store session reads its chains once (Follow is for one collection): it is opened again.
  const isStore = session.store !== undefined;
  const span =
    session.first_time !== null && session.last_time !== null
      ? `${formatLocalTime(session.first_time)} → ${formatLocalTime(session.last_time)} (${formatDuration(session.last_time - session.first_time)})`
      : 'no timed entries';
  return (
    <header className="header-bar">
      <div className="header-main">
        <h1 className="header-title" title={session.input}>
          {title}
        </h1>
        <div className="header-facts">
          <span className="mono path" title={session.input}>
            {session.input}
          </span>
          <SegmentSummary segments={session.segments} />
          <span data-testid="log-size" title={`${formatCount(size)} bytes on disk`}>{formatBytes(size)}</span>
          {unread > 0 && !session.following && (
            <span className="header-grown" data-testid="log-grown" role="status">
              +{formatBytes(unread)} written since read{' '}
              {isStore ? (
                <button type="button" className="link-button" onClick={() => void openPath(session.input)}>
                  Open again to show
                </button>
              ) : (
                <button type="button" className="link-button" onClick={() => void setFollow(true)}>
                  Follow to show
                </button>
              )}
            </span>
          )}
          <span data-testid="entry-count">{formatCount(progress.entries)} entries</span>
          <span>{span}</span>
          <DamageBadge />
          <IndexProgress progress={progress} />
        </div>
        {session.warnings.length > 0 && (
          <ul className="header-warnings">
            {session.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="header-actions">
        <label className="toggle" title={isStore ? 'Follow is for one collection: open the collection to follow it' : 'Show new entries as they are written to the active segment'}>
          <input type="checkbox" checked={session.following} disabled={isStore} onChange={(e) => void setFollow(e.target.checked)} />
          Follow
        </label>
        <button type="button" onClick={() => void runVerify()} disabled={verifying}>
          {verifying ? 'Verifying…' : 'Verify'}
        </button>
        <button type="button" onClick={openRecovery}>
          Recover…
        </button>
        <button type="button" onClick={openCheckpoint}>
          Checkpoint…
        </button>
        <button type="button" onClick={() => void closeSession()} title="Close this log">
          Close
        </button>
      </div>
    </header>
  );
}
