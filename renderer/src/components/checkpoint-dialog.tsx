import { useShallow } from 'zustand/react/shallow';
import type { CompressionName } from '../contract.js';
import { useAppStore } from '../store/app-store.js';
import { ErrorMessage } from './error-message.js';
import { Modal } from './modal.js';

const COMPRESSIONS: readonly CompressionName[] = ['zstd', 'lz4', 'brotli', 'gzip', 'deflate', 'none'];

/** Checkpoint: preview what would be sealed and removed, then apply. */
export function CheckpointDialog() {
  const { options, plan, result, error, busy } = useAppStore(
    useShallow((s) => ({
      options: s.checkpointOptions,
      plan: s.checkpointPlan,
      result: s.checkpointResult,
      error: s.checkpointError,
      busy: s.checkpointBusy,
    })),
  );
  const setOptions = useAppStore((s) => s.setCheckpointOptions);
  const planCheckpoint = useAppStore((s) => s.planCheckpoint);
  const applyCheckpoint = useAppStore((s) => s.applyCheckpoint);
  const openDialog = useAppStore((s) => s.openDialog);

  const footer = (
    <>
      <button type="button" onClick={() => void planCheckpoint()} disabled={busy}>
        Preview
      </button>
      <button type="button" className="primary" onClick={() => void applyCheckpoint()} disabled={busy || !plan || plan.refused !== null}>
        Apply checkpoint
      </button>
      <button type="button" onClick={() => openDialog(null)} disabled={busy}>
        Close
      </button>
    </>
  );

  return (
    <Modal title="Checkpoint" onClose={() => openDialog(null)} footer={footer} busy={busy}>
      <p className="muted">
        A checkpoint flushes and syncs the active segment. With “seal”, it first verifies that the store holds everything the log
        says, then closes the active segment as a rotated one so the log starts empty; it can also remove old sealed segments.
        It never removes an entry the store does not reflect.
      </p>
      <label className="check-option">
        <input type="checkbox" checked={options.compact} onChange={(e) => setOptions({ compact: e.target.checked })} />
        <span>Seal the active segment</span>
      </label>
      <div className="form-row">
        <label className="inline-field">
          Compression of the sealed segment
          <select
            value={options.compression}
            disabled={!options.compact}
            onChange={(e) => setOptions({ compression: e.target.value as CompressionName })}
          >
            {COMPRESSIONS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Remove sealed segments older than
          <input type="number" min={0} className="narrow" value={options.removeOlderThanDays} onChange={(e) => setOptions({ removeOlderThanDays: e.target.value })} /> days
        </label>
        <label className="inline-field">
          Keep at most
          <input type="number" min={0} className="narrow" value={options.keepSegments} onChange={(e) => setOptions({ keepSegments: e.target.value })} /> sealed segments
        </label>
      </div>
      {error && <ErrorMessage title="Checkpoint" error={error} />}
      {plan && (
        <section className="plan-section" data-testid="checkpoint-plan">
          <h3>Preview</h3>
          <p>
            Verification:{' '}
            {plan.verify_passed === null ? (
              <span className="badge">not run — a plain checkpoint only flushes and syncs; compaction verifies first</span>
            ) : plan.verify_passed ? (
              <span className="badge ok">passed</span>
            ) : (
              <span className="badge trouble">{plan.critical_issues} critical issues</span>
            )}
          </p>
          {plan.refused && <p className="trouble-text">Refused: {plan.refused}</p>}
          {plan.blocked_by.length > 0 && (
            <ul aria-label="Why compaction is refused" data-testid="checkpoint-blockers">
              {plan.blocked_by.map((b, i) => (
                <li key={i}>
                  {b.description}
                  {b.segment !== undefined && <> — <code>{b.segment}:{b.offset ?? 0}</code></>}
                </li>
              ))}
              {plan.blocked_total > plan.blocked_by.length && <li className="muted">… and {plan.blocked_total - plan.blocked_by.length} more</li>}
            </ul>
          )}
          {plan.writer_check === 'unavailable' && (
            <p className="muted" data-testid="checkpoint-writer-note">
              This system has no /proc: other processes writing the log were looked for only through our writer lock; files that
              change while compacting are kept.
            </p>
          )}
          <p>
            {plan.seal ? (
              <>
                Seals <code>{plan.seal.segment}</code> ({plan.seal.entries} entries) as <code>{plan.seal.final}</code>.
              </>
            ) : (
              'Nothing is sealed: the active segment is flushed and synced only.'
            )}
          </p>
          {plan.remove.length > 0 ? (
            <ul>
              {plan.remove.map((r) => (
                <li key={r.segment}>
                  removes <code>{r.segment}</code> — {r.reason}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No segment is removed.</p>
          )}
        </section>
      )}
      {result && (
        <div className="verdict passed" role="status">
          <span className="verdict-mark">✓</span>
          <span>
            Checkpoint done{result.synced ? ', synced' : ''}.{result.sealed ? ` Sealed as ${result.sealed}.` : ''}
            {result.removed.length > 0 ? ` Removed ${result.removed.join(', ')}.` : ''}
            {result.kept.map((k) => ` Kept ${k.file}: ${k.reason}.`).join('')}
          </span>
        </div>
      )}
    </Modal>
  );
}
