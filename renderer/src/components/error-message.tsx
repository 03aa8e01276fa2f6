import type { InspectorError } from '../contract.js';

const CODE_HINTS: Partial<Record<InspectorError['code'], string>> = {
  NOT_FOUND: 'Check the path: nothing is there.',
  PERMISSION_DENIED: 'The system refused access: check the file permissions.',
  NOT_A_WAL: 'Open a WAL file, a .wal directory, a collection directory or a store root.',
  UNKNOWN_SESSION: 'The log is no longer open (the server may have restarted): open it again.',
  OUTPUT_EXISTS: 'Choose another file name: existing files are never overwritten.',
  STORE_CHANGED: 'The store changed since the preview: make a new plan.',
  LOG_IN_USE: 'Another process is writing the log: stop it (or checkpoint without sealing), then preview again.',
  LINK_REFUSED: 'Checkpoint writes only in plain directories and files: put the real directory or file in place of the link, then preview again.',
  DISCONNECTED: 'The connection to the inspector service was lost. Is `wal-inspector serve` still running?',
  INTERNAL: 'This is a bug in WAL Inspector; the message says what happened.',
};

interface ErrorMessageProps {
  readonly title: string;
  readonly error: InspectorError;
  readonly onDismiss?: () => void;
}

/** An error from the service as a person reads it: what failed, why, where, what to do. */
export function ErrorMessage({ title, error, onDismiss }: ErrorMessageProps) {
  const { context } = error;
  const where = [
    context.file && `file ${context.file}`,
    context.segment && `segment ${context.segment}`,
    context.offset !== undefined && `offset ${context.offset}`,
    context.row !== undefined && `row ${context.row}`,
    context.field && `field “${context.field}”`,
    context.pid !== undefined && `process ${context.pid}`,
  ].filter(Boolean);
  return (
    <div className="error-box" role="alert" data-code={error.code}>
      <div className="error-head">
        <strong>{title}</strong>
        {onDismiss && (
          <button type="button" className="link-button" onClick={onDismiss} aria-label="Dismiss">
            ✕
          </button>
        )}
      </div>
      <p className="error-message">{error.message || 'No message was given.'}</p>
      {where.length > 0 && <p className="error-where">{where.join(' · ')}</p>}
      {CODE_HINTS[error.code] && <p className="error-hint">{CODE_HINTS[error.code]}</p>}
      {context.cause && (
        <details>
          <summary>Details</summary>
          <code>{context.cause}</code>
        </details>
      )}
      <p className="error-code faint">{error.code}</p>
    </div>
  );
}
