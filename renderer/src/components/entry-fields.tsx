import type { EntryDetail } from '../contract.js';
import { damageLabel, describeDamagePlace } from '../lib/describe-damage.js';
import { typeClass } from '../lib/field-colors.js';
import { formatLocalTime, formatOffset } from '../lib/format.js';
import { useAppStore } from '../store/app-store.js';

function IdValue({ text, hex }: { readonly text: string; readonly hex: string }) {
  if (!text && !hex) return <span className="faint">empty</span>;
  return (
    <span className="mono id-value" title={`bytes: ${hex || '(none)'}`}>
      {text || <span className="faint">(no text)</span>}
    </span>
  );
}

/** The decoded fields of one entry, or what is known of a damaged range. */
export function EntryFields({ detail }: { readonly detail: EntryDetail }) {
  const { row } = detail;
  const filterTransaction = useAppStore((s) => s.filterTransaction);
  const setFilter = useAppStore((s) => s.setFilter);
  if (row.kind === 'damage') {
    return (
      <dl className="field-list">
        <dt>What</dt>
        <dd className="trouble-text">
          <strong>{damageLabel(row.damage)}</strong>
          {row.detail ? ` — ${row.detail}` : ''}
        </dd>
        <dt>Where</dt>
        <dd>{describeDamagePlace(row)}</dd>
        <dt>Ends at</dt>
        <dd className="mono">
          {formatOffset(row.offset + row.length)} ({row.offset + row.length})
        </dd>
        <dt>After</dt>
        <dd>{row.time === null ? 'the start of the log' : `the entry of ${formatLocalTime(row.time)}`}</dd>
      </dl>
    );
  }
  return (
    <dl className="field-list">
      <dt>Type</dt>
      <dd>
        <span className={`chip ${typeClass(row.entry_type)}`}>{row.entry_type}</span>
      </dd>
      <dt>Time</dt>
      <dd>
        {detail.time_iso === null ? (
          <span className="mono">{row.timestamp} ms <span className="muted">(outside the date range)</span></span>
        ) : (
          <>
            {formatLocalTime(row.time)} <span className="muted mono">{detail.time_iso}</span>{' '}
            <span className="faint mono">{row.timestamp} ms</span>
          </>
        )}
      </dd>
      <dt>Collection</dt>
      <dd>
        <IdValue text={row.collection} hex={detail.collection_hex} />
      </dd>
      <dt>Document</dt>
      <dd>
        <IdValue text={row.document_id} hex={detail.document_id_hex} />{' '}
        {row.document_id && (
          <button type="button" className="link-button small" onClick={() => setFilter({ document_id: row.document_id, document_id_prefix: undefined })}>
            only this document
          </button>
        )}
      </dd>
      <dt>Transaction</dt>
      <dd>
        <IdValue text={row.transaction_id} hex={detail.transaction_id_hex} />{' '}
        {row.transaction_id && (
          <button type="button" className="link-button small" onClick={() => filterTransaction(row.transaction_id)}>
            only this transaction
          </button>
        )}
      </dd>
      <dt>Position</dt>
      <dd className="mono">
        {row.segment} @ {formatOffset(row.offset)} ({row.offset}), {row.length} bytes
      </dd>
      {!row.id_utf8_valid && (
        <>
          <dt>Defect</dt>
          <dd className="trouble-text">An id is not valid UTF-8 (shown with U+FFFD; the bytes are on hover).</dd>
        </>
      )}
    </dl>
  );
}
