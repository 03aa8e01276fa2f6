import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/app-store.js';

/** Step 1: which store, safe or force, committed work only. */
export function RecoveryOptions() {
  const { store, mode, committedOnly } = useAppStore(
    useShallow((s) => ({ store: s.recoveryStore, mode: s.recoveryMode, committedOnly: s.recoveryCommittedOnly })),
  );
  const setOptions = useAppStore((s) => s.setRecoveryOptions);
  const chooseStore = useAppStore((s) => s.chooseRecoveryStore);
  const dialogs = useAppStore((s) => s.appInfo?.dialogs ?? false);
  const storeSession = useAppStore((s) => s.session?.store !== undefined);
  return (
    <div className="recovery-options">
      {!storeSession && <label className="field">
        <span className="field-label">Store to recover (the collection directory)</span>
        <span className="input-with-button">
          <input
            type="text"
            className="mono"
            value={store}
            onChange={(e) => setOptions({ recoveryStore: e.target.value })}
            placeholder="/path/to/store/data/<collection>"
            aria-label="Store to recover"
          />
          {dialogs && (
            <button type="button" onClick={() => void chooseStore()}>
              Choose…
            </button>
          )}
        </span>
        <span className="muted small">Its documents are brought in line with this log. Nothing is written until you confirm the plan.</span>
      </label>}
      <fieldset className="mode-choice">
        <legend>How to apply the log</legend>
        <label className={`mode-option${mode === 'safe' ? ' chosen' : ''}`}>
          <input type="radio" name="recovery-mode" checked={mode === 'safe'} onChange={() => setOptions({ recoveryMode: 'safe' })} />
          <span>
            <strong>Safe</strong> (recommended) — Sentinel’s own recovery. An insert is applied only if the document does not exist
            yet, an update only if the document exists and differs (merged into it), a delete only if the document is there.
            Anything else is skipped (and counted). Existing documents are never replaced wholesale.
          </span>
        </label>
        <label className={`mode-option${mode === 'force' ? ' chosen' : ''}`}>
          <input type="radio" name="recovery-mode" checked={mode === 'force'} onChange={() => setOptions({ recoveryMode: 'force' })} />
          <span>
            <strong>Force</strong> — the store ends as the log says. Every insert or update with valid data replaces the document
            with exactly that data (created if missing, no merge); deletes remove documents that are present. Use it when you
            trust the log over the files on disk.
          </span>
        </label>
      </fieldset>
      <label className="check-option">
        <input type="checkbox" checked={committedOnly} onChange={(e) => setOptions({ recoveryCommittedOnly: e.target.checked })} />
        <span>
          <strong>Only committed transactions</strong> — leave out the inserts, updates and deletes of transactions that were rolled
          back or never finished (they are listed). Stand-alone entries, which is all Sentinel itself writes, are always kept.
        </span>
      </label>
    </div>
  );
}
