import type { ReactNode } from 'react';
import type { InspectorError } from '../contract.js';
import { ErrorMessage } from './error-message.js';
import { JobProgressLine } from './job-progress-line.js';

/**
 * Where a Verify run stands, above its report: its progress, why it could not run, what it will
 * do before it first ran, or that the report is out of date (a recovery or checkpoint since).
 */
export function VerifyRunState(p: {
  readonly running: string | null;
  readonly error: InspectorError | null;
  readonly hasReport: boolean;
  readonly stale: string | null;
  readonly intro: ReactNode;
  readonly onRun: () => void;
}) {
  return (
    <>
      {p.running && <JobProgressLine jobId={p.running} />}
      {p.error && <ErrorMessage title="Verify could not run" error={p.error} />}
      {!p.hasReport && !p.running && !p.error && <p className="muted">{p.intro}</p>}
      {p.hasReport && p.stale && !p.running && (
        <div className="notice warn-box" role="status" data-testid="verify-stale">
          These results are out of date: {p.stale}.{' '}
          <button type="button" onClick={p.onRun}>
            Verify again
          </button>
        </div>
      )}
    </>
  );
}
