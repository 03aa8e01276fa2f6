import { useMemo } from 'react';
import { formatCount } from '../lib/format.js';
import { textMatchRanges, type TextMatchQuery } from '../lib/text-match-ranges.js';

const CONTEXT = 40;
const SHOWN = 50;

/** The matches of the table's text search in an entry's stored data, each highlighted in its context. */
export function TextMatches({ stored, query }: { readonly stored: string; readonly query: TextMatchQuery }) {
  const ranges = useMemo(() => textMatchRanges(stored, query), [stored, query.text, query.caseSensitive, query.regex]);
  if (ranges.length === 0) return null;
  return (
    <section className="text-matches" aria-label="Matches of the text search">
      <h4>
        {formatCount(ranges.length)}
        {ranges.length >= 1000 ? '+' : ''} {ranges.length === 1 ? 'match' : 'matches'} of “{query.text}” in the stored data
      </h4>
      <ol className="raw-text">
        {ranges.slice(0, SHOWN).map(([start, end]) => (
          <li key={start}>
            {start > CONTEXT ? '…' : ''}
            {stored.slice(Math.max(0, start - CONTEXT), start)}
            <mark>{stored.slice(start, end)}</mark>
            {stored.slice(end, end + CONTEXT)}
            {end + CONTEXT < stored.length ? '…' : ''}
          </li>
        ))}
      </ol>
      {ranges.length > SHOWN && <p className="muted small">and {formatCount(ranges.length - SHOWN)} more</p>}
    </section>
  );
}
