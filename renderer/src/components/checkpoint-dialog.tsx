import { useShallow } from 'zustand/react/shallow';
import type { CompressionName } from '../contract.js';
import { useAppStore } from '../store/app-store.js';
import { ErrorMessage } from './error-message.js';
import { Modal } from './modal.js';
import { CheckpointPlanSection } from './checkpoint-plan-section.js';
import { StoreCheckpointSections } from './store-checkpoint-sections.js';

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
  // A store session previews and applies the ticked collections' checkpoints (store-checkpoint-sections.tsx).
  const storeSession = useAppStore((s) => s.session?.store !== undefined);
  const storeCanApply = useAppStore((s) => (s.storeCheckpointPlan ? s.storeCheckpointPlan.refused_collections < s.storeCheckpointPlan.collections.length : false));
  const canApply = storeSession ? storeCanApply : plan !== null && plan.refused === null;

  const footer = (
    <>
      <button type="button" onClick={() => void planCheckpoint()} disabled={busy}>
        Preview
      </button>
      <button type="button" className="primary" onClick={() => void applyCheckpoint()} disabled={busy || !canApply}>
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
      {plan && <CheckpointPlanSection plan={plan} />}
      {storeSession && <StoreCheckpointSections />}
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
