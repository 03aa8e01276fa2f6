import { useEffect } from 'react';
import type { FsEntry } from '../contract.js';
import { formatBytes } from '../lib/format.js';
import { useAppStore } from '../store/app-store.js';
import { ErrorMessage } from './error-message.js';
import { FsIcon } from './fs-icon.js';

const HINTS: Record<NonNullable<FsEntry['wal_hint']>, string> = {
  segment: 'WAL segment',
  'wal-dir': 'WAL folder',
  collection: 'collection',
  store: 'store',
};

/** Browse the server's folders (browser mode: a page cannot hand the server a path). */
export function FileBrowser() {
  const listing = useAppStore((s) => s.fsListing);
  const error = useAppStore((s) => s.fsError);
  const loading = useAppStore((s) => s.fsLoading);
  const browse = useAppStore((s) => s.browse);
  const openPath = useAppStore((s) => s.openPath);
  useEffect(() => {
    if (!listing) void browse();
  }, [listing, browse]);

  return (
    <section className="start-section file-browser" aria-label="Files on the server">
      <div className="section-head">
        <h2>Browse</h2>
        {listing && (
          <span className="mono small path" title={listing.path}>
            {listing.path}
          </span>
        )}
      </div>
      {listing && listing.places.length > 0 && (
        <div className="places">
          {listing.places.map((p) => (
            <button key={p.path} type="button" className="small" onClick={() => void browse(p.path)} title={p.path}>
              {p.label}
            </button>
          ))}
        </div>
      )}
      {error && <ErrorMessage title="This folder cannot be listed" error={error} />}
      <ul className="fs-list" aria-busy={loading}>
        {listing?.parent && (
          <li>
            <button type="button" className="fs-item" onClick={() => void browse(listing.parent!)}>
              <FsIcon kind="up" /> ..
            </button>
          </li>
        )}
        {listing?.entries.map((entry) => (
          <li key={entry.path} className={entry.wal_hint ? 'has-wal' : ''}>
            <button
              type="button"
              className="fs-item"
              onClick={() => (entry.kind === 'directory' ? void browse(entry.path) : entry.wal_hint ? void openPath(entry.path) : undefined)}
              disabled={entry.kind !== 'directory' && !entry.wal_hint}
            >
              <FsIcon kind={entry.kind} /> {entry.name}
              {entry.kind === 'file' && <span className="faint small"> {formatBytes(entry.size)}</span>}
            </button>
            {entry.wal_hint && (
              <button type="button" className="small primary" onClick={() => void openPath(entry.path)}>
                Open {HINTS[entry.wal_hint]}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
