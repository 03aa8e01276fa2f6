import type { RecoveryResult } from '../contract.js';
import { CopyButton } from './copy-button.js';
import { DocumentChangeList } from './document-change-list.js';
import { RecoveryCounts } from './recovery-counts.js';
import { RecoveryProblems } from './recovery-problems.js';

/** Step 4: what was done, where the backup is. */
export function RecoveryResultView({ result }: { readonly result: RecoveryResult }) {
  return (
    <div className="recovery-result" data-testid="recovery-result">
      {result.failed_operations > 0 || result.lost.length > 0 ? (
        <div className="verdict failed">
          <span className="verdict-mark" aria-hidden="true">
            !
          </span>
          <strong>
            Recovery finished with problems: {result.failed_operations} operation{result.failed_operations === 1 ? '' : 's'} failed
            {result.lost.length > 0 ? `, ${result.lost.length} damaged range${result.lost.length === 1 ? '' : 's'} lost` : ''}.
          </strong>
        </div>
      ) : (
        <div className="verdict passed">
          <span className="verdict-mark" aria-hidden="true">
            ✓
          </span>
          <strong>Recovery finished.</strong>
        </div>
      )}
      <RecoveryCounts counts={result} verb="did" />
      <p className="backup-line">
        {result.backup ? (
          <>
            Backup of the files it changed: <code data-testid="backup-path">{result.backup}</code> <CopyButton text={() => result.backup ?? ''} />
          </>
        ) : (
          'No backup was made (nothing changed, or you chose not to).'
        )}
      </p>
      {result.unsigned_rewrites.length > 0 && (
        <p className="warn-text">
          {result.unsigned_rewrites.length} signed document{result.unsigned_rewrites.length === 1 ? ' was' : 's were'} re-written unsigned:{' '}
          {result.unsigned_rewrites.slice(0, 10).join(', ')}
          {result.unsigned_rewrites.length > 10 ? '…' : ''}
        </p>
      )}
      {result.changes.length > 0 && (
        <details>
          <summary>Documents changed ({result.changes.length})</summary>
          <DocumentChangeList changes={result.changes} />
        </details>
      )}
      <RecoveryProblems counts={result} />
    </div>
  );
}
