import type { KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { damageLabel } from '../lib/describe-damage.js';
import { useAppStore } from '../store/app-store.js';
import { CrcStatus } from './crc-status.js';
import { HistorySection } from './document-history.js';
import { DamageImpactView } from './damage-impact.js';
import { EntryData } from './entry-data.js';
import { EntryFields } from './entry-fields.js';
import { EntryHex } from './entry-hex.js';
import { RestoreToHere } from './restore-to-here.js';
import { ErrorMessage } from './error-message.js';
import { ShowInTable } from './show-in-table.js';

/** Escape hands the keyboard back to the table, where the selection is. */
function onPaneKeyDown(event: KeyboardEvent<HTMLElement>) {
  if (event.key !== 'Escape' || event.defaultPrevented) return;
  const grid = document.querySelector<HTMLElement>('.entries-grid');
  if (!grid) return;
  event.preventDefault();
  grid.focus();
}

/** Everything about the selected row: fields, data, CRC and the raw bytes. */
export function DetailPane() {
  const { detail, loading, error, selectedRow } = useAppStore(
    useShallow((s) => ({ detail: s.detail, loading: s.detailLoading, error: s.detailError, selectedRow: s.selectedRow })),
  );
  const isDamage = detail?.row.kind === 'damage';
  return (
    <section id="detail-pane" className={`detail-pane${isDamage ? ' damage' : ''}`} tabIndex={-1} aria-label="Selected row" aria-busy={loading} onKeyDown={onPaneKeyDown}>
      {!detail && !error && (
        <div className="empty-state">{selectedRow === null ? 'Select a row to see its fields, data and bytes.' : 'Loading…'}</div>
      )}
      {error && <ErrorMessage title="Could not read this row" error={error} />}
      {detail && (
        <>
          <h2 className="detail-title">
            {isDamage ? (
              <span className="trouble-text">
                ⚠ Damaged range — row {detail.row.row}: {damageLabel(detail.row.damage)}
              </span>
            ) : (
              <>
                {detail.row.entry_type} — row {detail.row.row}
              </>
            )}
            {loading && <span className="muted small"> updating…</span>}
            <ShowInTable row={detail.row.row} />
          </h2>
          {!isDamage && (
            <RestoreToHere until={`${detail.row.segment}:${detail.row.offset}`} label={`row ${detail.row.row} (${detail.row.segment}:${detail.row.offset})`} />
          )}
          {isDamage && (detail.impact ?? detail.row.impact) && (
            <details open className="detail-section">
              <summary>What it cost</summary>
              <DamageImpactView detail={detail} />
            </details>
          )}
          <details open className="detail-section">
            <summary>Fields</summary>
            <EntryFields detail={detail} />
          </details>
          {!isDamage && (
            <details open className="detail-section">
              <summary>Data</summary>
              <EntryData detail={detail} />
            </details>
          )}
          {!isDamage && detail.row.document_id !== '' && <HistorySection documentId={detail.row.document_id} />}
          <details open className="detail-section">
            <summary>{isDamage ? 'Bytes around the damage' : 'Bytes'}</summary>
            {(detail.crc_stored !== null || !isDamage) && <CrcStatus stored={detail.crc_stored} computed={detail.crc_computed} />}
            <EntryHex detail={detail} />
          </details>
        </>
      )}
    </section>
  );
}
