import { formatBytes, formatCount, formatPercent } from '../lib/format.js';
import { useAppStore } from '../store/app-store.js';

/** Progress of one running job with its Cancel button. */
export function JobProgressLine({ jobId }: { readonly jobId: string }) {
  const job = useAppStore((s) => s.jobs.get(jobId));
  const cancelJob = useAppStore((s) => s.cancelJob);
  if (!job) return null;
  const p = job.progress;
  const known = p !== null && p.total !== null && p.total > 0;
  const amount = p
    ? p.unit === 'bytes'
      ? `${formatBytes(p.done)}${p.total !== null ? ` of ${formatBytes(p.total)}` : ''}`
      : `${formatCount(p.done)}${p.total !== null ? ` of ${formatCount(p.total)}` : ''} ${p.unit}`
    : 'starting…';
  return (
    <div className="job-line" role="status">
      <span className="job-label">{job.label}</span>
      <div className={`progress-bar${known ? '' : ' indeterminate'}`} role="progressbar" aria-label={job.label}>
        <span style={{ width: known ? formatPercent(p.done, p.total!) : '30%' }} />
      </div>
      <span className="muted small">
        {amount}
        {p?.message ? ` · ${p.message}` : ''}
      </span>
      <button type="button" onClick={() => void cancelJob(jobId)}>
        Cancel
      </button>
    </div>
  );
}
