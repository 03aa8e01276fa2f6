import { useState, type DragEvent } from 'react';
import { useAppStore } from '../store/app-store.js';
import { FileBrowser } from './file-browser.js';
import { OpenError } from './open-error.js';
import { OpenPathForm } from './open-path-form.js';
import { RecentList } from './recent-list.js';

/** Nothing open yet: open a path, the demo store, a recent file, or browse. */
export function StartScreen() {
  const appInfo = useAppStore((s) => s.appInfo);
  const openPath = useAppStore((s) => s.openPath);
  const pickAndOpen = useAppStore((s) => s.pickAndOpen);
  const opening = useAppStore((s) => s.opening);
  const [dropHint, setDropHint] = useState(false);
  const isBrowser = appInfo?.mode !== 'electron';

  // In Electron the shell takes dropped files (and tells us to open them); a browser page
  // cannot learn a dropped file's path, so say what to do instead.
  const onDragOver = (e: DragEvent) => {
    if (isBrowser) e.preventDefault();
  };
  const onDrop = (e: DragEvent) => {
    if (!isBrowser) return;
    e.preventDefault();
    setDropHint(true);
  };

  return (
    <div className="start-screen" onDragOver={onDragOver} onDrop={onDrop}>
      <div className="start-card">
        <h1>WAL Inspector</h1>
        <p className="muted">Inspect, verify and recover the write-ahead log of a Sentinel store.</p>
        <OpenPathForm />
        <div className="start-actions">
          {appInfo?.dialogs && (
            <>
              <button type="button" onClick={() => void pickAndOpen('file')}>
                Open file…
              </button>
              <button type="button" onClick={() => void pickAndOpen('folder')}>
                Open folder…
              </button>
            </>
          )}
          {appInfo?.demo_store && (
            <button type="button" className="primary" onClick={() => void openPath(appInfo.demo_store!)} disabled={opening !== null}>
              Open the demo store
            </button>
          )}
          <span className="muted small">{appInfo?.mode === 'electron' ? 'or drop a file or folder on the window' : ''}</span>
        </div>
        {dropHint && (
          <p className="hint" role="status">
            A browser page cannot tell the server where a dropped file lives: type its path above or pick it below.
          </p>
        )}
        <OpenError />
        <RecentList />
        {appInfo?.file_browser && <FileBrowser />}
      </div>
    </div>
  );
}
