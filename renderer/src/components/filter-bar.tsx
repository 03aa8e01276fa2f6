import { useCallback } from 'react';
import type { RowFilter } from '../contract.js';
import { useAppStore } from '../store/app-store.js';
import { selectActiveFilterCount } from '../store/selectors.js';
import { DebouncedInput } from './debounced-input.js';
import { TypeFilter } from './type-filter.js';

function useFilterField(field: 'collection' | 'transaction_id' | 'text') {
  const value = useAppStore((s) => s.filter[field] ?? '');
  const setFilter = useAppStore((s) => s.setFilter);
  const commit = useCallback((next: string) => setFilter({ [field]: next || undefined }), [field, setFilter]);
  return [value, commit] as const;
}

/** Document id filter: an exact id, or a prefix when the text ends in `*` (valid ids never contain it). */
function useDocumentFilter() {
  const exact = useAppStore((s) => s.filter.document_id);
  const prefix = useAppStore((s) => s.filter.document_id_prefix);
  const setFilter = useAppStore((s) => s.setFilter);
  const value = exact ?? (prefix !== undefined ? `${prefix}*` : '');
  const commit = useCallback(
    (next: string) =>
      setFilter(next.length > 1 && next.endsWith('*')
        ? { document_id: undefined, document_id_prefix: next.slice(0, -1) }
        : { document_id: next || undefined, document_id_prefix: undefined }),
    [setFilter],
  );
  return [value, commit] as const;
}

/** How "Text in data" matches: case, regular expression. */
function TextOptions() {
  const caseSensitive = useAppStore((s) => s.filter.text_case_sensitive ?? false);
  const regex = useAppStore((s) => s.filter.text_regex ?? false);
  const setFilter = useAppStore((s) => s.setFilter);
  return (
    <span className="text-options" role="group" aria-label="Text match options">
      <label className="toggle-chip" title="Match case (letters outside ASCII always match only themselves)">
        <input type="checkbox" checked={caseSensitive} onChange={(e) => setFilter({ text_case_sensitive: e.target.checked || undefined })} />
        <span aria-hidden="true">Aa</span>
        <span className="visually-hidden">Match case</span>
      </label>
      <label className="toggle-chip" title="Regular expression (JavaScript syntax)">
        <input type="checkbox" checked={regex} onChange={(e) => setFilter({ text_regex: e.target.checked || undefined })} />
        <span aria-hidden="true">.*</span>
        <span className="visually-hidden">Regular expression</span>
      </label>
    </span>
  );
}

/** Filters of the entries table: types, ids, text in data, damage (columns, export and Go to are in the toolbar above). */
export function FilterBar() {
  const [collection, setCollection] = useFilterField('collection');
  const [documentId, setDocumentId] = useDocumentFilter();
  const [transactionId, setTransactionId] = useFilterField('transaction_id');
  const [text, setText] = useFilterField('text');
  const damage = useAppStore((s) => s.filter.damage ?? 'include');
  const setFilter = useAppStore((s) => s.setFilter);
  const clearFilters = useAppStore((s) => s.clearFilters);
  const active = useAppStore(selectActiveFilterCount);

  return (
    <div className="filter-bar" role="search" aria-label="Filter rows">
      <TypeFilter />
      <DebouncedInput label="Collection" value={collection} onCommit={setCollection} className="filter-input" />
      <DebouncedInput label="Document id" placeholder="Doc id or prefix*" title="An exact document id, or the start of ids followed by * (order-*)" value={documentId} onCommit={setDocumentId} className="filter-input" />
      <DebouncedInput label="Transaction id" value={transactionId} onCommit={setTransactionId} className="filter-input" />
      <DebouncedInput label="Text in data" value={text} onCommit={setText} className="filter-input wide" delayMs={400} />
      <TextOptions />
      <label className="inline-field">
        <span className="visually-hidden">Damage</span>
        <select
          aria-label="Damage rows"
          value={damage}
          onChange={(e) => setFilter({ damage: e.target.value as RowFilter['damage'] })}
        >
          <option value="include">Entries and damage</option>
          <option value="only">Damaged only</option>
          <option value="exclude">Hide damage</option>
        </select>
      </label>
      <button type="button" onClick={clearFilters} disabled={active === 0}>
        Clear{active > 0 ? ` (${active})` : ''}
      </button>
    </div>
  );
}
