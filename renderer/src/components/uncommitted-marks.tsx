import type { DocumentChange, UncommittedEntry } from '../contract.js';
import { shortenId } from '../lib/format.js';
import { RowLink } from './row-link.js';

const FATE_WORDS: Readonly<Record<UncommittedEntry['fate'], string>> = {
  'rolled-back': 'rolled back',
  unterminated: 'never committed',
};

/** The fates among a change's marks, in words: "rolled back", "never committed" or both. */
function fatesOf(marks: readonly UncommittedEntry[]): string {
  return [...new Set(marks.map((m) => FATE_WORDS[m.fate]))].join(' / ');
}

/** The pill in a change's head: this change comes (partly) from work that did not commit. */
export function UncommittedPill({ change }: { readonly change: DocumentChange }) {
  const marks = change.uncommitted ?? [];
  if (marks.length === 0) return null;
  const title = marks.map((m) => `${m.entry_type} in transaction ${m.transaction_id}, which was ${FATE_WORDS[m.fate]}`).join('\n');
  return (
    <span className="badge warn uncommitted-mark" data-testid="uncommitted-mark" title={title}>
      from a transaction {fatesOf(marks)}
    </span>
  );
}

/** Under an open change: each entry that did not commit, linked to its row. */
export function UncommittedDetail({ change }: { readonly change: DocumentChange }) {
  const marks = change.uncommitted ?? [];
  if (marks.length === 0) return null;
  return (
    <ul className="uncommitted-list muted small">
      {marks.map((m, i) => (
        <li key={i}>
          <span className="mono">{m.entry_type}</span> of transaction <span className="mono">{shortenId(m.transaction_id)}</span>, which was{' '}
          {FATE_WORDS[m.fate]}: replayed all the same (committed-only leaves it out) <RowLink row={m.row} segment={m.segment} offset={m.offset} />
        </li>
      ))}
    </ul>
  );
}
