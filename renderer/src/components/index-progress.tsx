import type { IndexProgress as Progress } from '../contract.js';
import { formatBytes, formatCount, formatPercent } from '../lib/format.js';

/** Indexing progress: a bar while it runs, the entry count once done. */
export function IndexProgress({ progress }: { readonly progress: Progress }) {
  if (progress.complete) return null;
  const pct = formatPercent(progress.bytes_done, progress.bytes_total);
  return (
    <div className="index-progress" role="status" aria-label="Indexing">
      <div
        className="progress-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.floor((progress.bytes_done / Math.max(1, progress.bytes_total)) * 100)}
      >
        <span style={{ width: pct }} />
      </div>
      <span className="muted small">
        indexing {pct} · {formatCount(progress.rows)} rows · {formatBytes(progress.bytes_done)} of {formatBytes(progress.bytes_total)}
      </span>
    </div>
  );
}
