import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { InspectorError, RowLocation } from '../contract.js';
import { inspectorApi } from '../store/api-ref.js';
import { useAppStore } from '../store/app-store.js';

type Outcome = { readonly found: RowLocation } | { readonly error: InspectorError } | null;

function localZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * The Go-to box: a row number, segment:offset, a time or an id. The service reads the query
 * (rows.locate) against the table's filter and sort; Enter selects the row it names and
 * scrolls it into view, or says why there is none.
 */
export function GoToBox() {
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const selectIndex = useAppStore((s) => s.selectIndex);
  const revealRow = useAppStore((s) => s.revealRow);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { session, filter, sort } = useAppStore.getState();
    if (!session || busy) return;
    setBusy(true);
    const zone = localZone();
    const result = await inspectorApi().rows.locate({ session_id: session.session_id, query: text, filter, sort, ...(zone ? { time_zone: zone } : {}) });
    setBusy(false);
    if (!result.ok) {
      setOutcome({ error: result.error });
      return;
    }
    setOutcome({ found: result.value });
    if (result.value.index !== null) selectIndex(result.value.index, { scroll: 'center' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Escape') return;
    setOutcome(null);
    document.querySelector<HTMLElement>('.entries-grid')?.focus();
  };

  const error = outcome && 'error' in outcome ? outcome.error : null;
  const found = outcome && 'found' in outcome ? outcome.found : null;
  return (
    <form className="go-to-box" role="search" aria-label="Go to a row" onSubmit={(e) => void submit(e)}>
      <input
        type="text"
        className="go-to-input"
        aria-label="Go to"
        placeholder="Go to: row, seg:offset, time, id"
        title="A row number, segment:offset (0:0x0001f0) or 0x… offset, a time (2024-05-01 12:00:00 or ISO), a transaction or document id (tx: / doc: to say which)"
        value={text}
        spellCheck={false}
        aria-invalid={error !== null}
        aria-describedby="go-to-message"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <span id="go-to-message" className={`go-to-message small${error ? ' trouble-text' : ' muted'}`} role="status" aria-live="polite">
        {busy && 'Looking…'}
        {!busy && error && error.message}
        {!busy && found && found.index !== null && found.description}
        {!busy && found && found.index === null && (
          <>
            {found.description} is hidden by the filter.{' '}
            <button type="button" className="link-button" onClick={() => revealRow(found.row)}>
              Show it in the whole log
            </button>
          </>
        )}
      </span>
    </form>
  );
}
