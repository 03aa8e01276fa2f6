import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/app-store.js';
import { JobProgressLine } from './job-progress-line.js';

/** Every long job still running, at the bottom of the window, each with Cancel. */
export function JobBar() {
  const ids = useAppStore(useShallow((s) => [...s.jobs.keys()]));
  if (ids.length === 0) return null;
  return (
    <div className="job-bar" aria-label="Running work">
      {ids.map((id) => (
        <JobProgressLine key={id} jobId={id} />
      ))}
    </div>
  );
}
