import { useState } from 'react';
import type { EntryDetail, InspectorError, RepairResult, SessionInfo, UnverifiedFields } from '../contract.js';
import { describeGap, describeIncident, damageSentence } from '../lib/damage-sentences.js';
import { formatLocalTime } from '../lib/format.js';
import { inspectorApi } from '../store/api-ref.js';
import { useAppStore } from '../store/app-store.js';
import { ErrorMessage } from './error-message.js';

/** Where a repaired copy goes unless the user says otherwise: beside the input, under a new name. */
export function repairedCopyPath(session: SessionInfo): string {
  if (session.kind === 'wal-dir' && session.wal_dir) return `${session.wal_dir.replace(/[\\/]+$/, '')}-repaired`;
  const m = /^(.*?)(\.wal(?:\.[a-z0-9]+)?)?$/i.exec(session.input)!;
  return `${m[1]}.repaired${m[2] ?? '.wal'}`;
}

function UnverifiedTable({ fields, repaired }: { readonly fields: UnverifiedFields; readonly repaired: boolean }) {
  const ms = Number(fields.timestamp);
  return (
    <div className="unverified" data-testid="unverified-fields">
      <p className="muted small">
        {repaired
          ? 'The entry with that bit flipped back (its CRC then holds). Unverified until a repaired copy is written:'
          : fields.partial
            ? 'Read from the damaged bytes, as far as they go. Unverified: nothing vouches for these values:'
            : 'Read from the damaged bytes. Unverified: the CRC does not vouch for these values:'}
      </p>
      <dl className="field-list">
        <dt>Type</dt>
        <dd>{fields.entry_type}</dd>
        <dt>Time</dt>
        <dd>
          {formatLocalTime(ms, fields.timestamp)} <span className="faint mono">{fields.timestamp} ms</span>
        </dd>
        <dt>Collection</dt>
        <dd className="mono">{fields.collection || <span className="faint">empty</span>}</dd>
        <dt>Document</dt>
        <dd className="mono">{fields.document_id || <span className="faint">empty</span>}</dd>
        <dt>Transaction</dt>
        <dd className="mono">{fields.transaction_id || <span className="faint">empty</span>}</dd>
        <dt>Data</dt>
        <dd>
          {fields.data !== null ? (
            <pre className="unverified-data">{fields.data}</pre>
          ) : fields.data_length !== null ? (
            <span className="faint">{fields.data_length} bytes, not all in the range</span>
          ) : (
            <span className="faint">none</span>
          )}
        </dd>
      </dl>
    </div>
  );
}

/** "Write a repaired copy…": repair.apply into a new file or directory (never over one). */
function RepairCopy() {
  const session = useAppStore((s) => s.session);
  const runJob = useAppStore((s) => s.runJob);
  const [path, setPath] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RepairResult | null>(null);
  const [error, setError] = useState<InspectorError | null>(null);
  if (!session) return null;
  if (path === null) {
    return (
      <button type="button" onClick={() => setPath(repairedCopyPath(session))} data-testid="repair-open">
        Write a repaired copy…
      </button>
    );
  }
  const write = async () => {
    setBusy(true);
    setError(null);
    const outcome = await runJob('Writing a repaired copy', 'repair-apply', (job_id) => inspectorApi().repair.apply({ session_id: session.session_id, job_id, path }));
    setBusy(false);
    if (outcome.ok) setResult(outcome.value);
    else setError(outcome.error);
  };
  return (
    <form className="repair-copy" onSubmit={(e) => { e.preventDefault(); void write(); }}>
      <label>
        New file (never overwritten){' '}
        <input type="text" className="mono" value={path} onChange={(e) => setPath(e.target.value)} disabled={busy} aria-label="Path of the repaired copy" />
      </label>{' '}
      <button type="submit" className="primary" disabled={busy || !path.trim()}>
        {busy ? 'Writing…' : 'Write'}
      </button>
      {result && (
        <p className="ok-text" role="status" data-testid="repair-result">
          Wrote {result.path}: {result.repaired} entr{result.repaired === 1 ? 'y' : 'ies'} repaired
          {result.unrepaired > 0 ? `, ${result.unrepaired} damaged range${result.unrepaired === 1 ? '' : 's'} left out` : ''}.
        </p>
      )}
      {error && <ErrorMessage title="Could not write the repaired copy" error={error} />}
    </form>
  );
}

/**
 * The range among its neighbours: the whole log in file order, the range selected. The table
 * reloads for it (and starts at the top), so the selection is made again once its rows came.
 */
function showInContext(row: number): void {
  useAppStore.getState().revealRow(row);
  if (!useAppStore.getState().rowsLoading) return;
  const stop = useAppStore.subscribe((s) => {
    if (s.rowsLoading) return;
    stop();
    s.selectIndex(row, { scroll: 'center' });
  });
}

/** What a damaged range cost, why, and what to do next — in sentences. */
export function DamageImpactView({ detail }: { readonly detail: EntryDetail }) {
  const impact = detail.impact ?? detail.row.impact;
  const openRecovery = useAppStore((s) => s.openRecovery);
  const setRecoveryOptions = useAppStore((s) => s.setRecoveryOptions);
  if (!impact) return null;
  const row = detail.row;
  const repairable = impact.cause.kind === 'single-bit';
  const gap = describeGap(impact);
  const incident = describeIncident(impact);
  const cause = impact.cause.text.charAt(0).toUpperCase() + impact.cause.text.slice(1);
  return (
    <div className="damage-impact" data-testid="damage-impact">
      <p className="damage-sentence">{damageSentence(row)}.</p>
      <p>Likely cause: {cause}.</p>
      {gap && <p className="muted">{gap}</p>}
      {incident && <p className="muted">{incident}</p>}
      <div className="damage-actions" role="group" aria-label="Next steps">
        <button type="button" onClick={() => showInContext(row.row)}>
          Show in context
        </button>
        <button type="button" onClick={() => openRecovery()} title="Replay every intact entry into the collection (preview first)">
          Recover the intact entries…
        </button>
        <button
          type="button"
         
          onClick={() => { openRecovery(); setRecoveryOptions({ recoveryCommittedOnly: true }); }}
          title="Replay only the entries of committed transactions (preview first)"
        >
          Committed only…
        </button>
        {repairable && <RepairCopy />}
      </div>
      {impact.unverified && <UnverifiedTable fields={impact.unverified} repaired={repairable} />}
    </div>
  );
}
