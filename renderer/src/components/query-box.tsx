import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { completeAt } from '../lib/query-completion.js';
import { filterAsWhere, withoutChips } from '../lib/filter-as-where.js';
import { formatCount } from '../lib/format.js';
import { tokenize } from '../lib/cel-tokens.js';
import { inspectorApi } from '../store/api-ref.js';
import { useAppStore } from '../store/app-store.js';
import { SavedQueries } from './saved-queries.js';

/**
 * The data paths query.fields sampled for this session. Asked for when the box gets focus (the
 * log may still be indexing when it opens), again on later focus until a full sample was had.
 */
function useDataPaths(sessionId: string | null): { paths: readonly string[]; refresh: () => void } {
  const [paths, setPaths] = useState<readonly string[]>([]);
  const state = useRef<{ session: string | null; full: boolean; asking: boolean }>({ session: null, full: false, asking: false });
  useEffect(() => {
    state.current = { session: sessionId, full: false, asking: false };
    setPaths([]);
  }, [sessionId]);
  const refresh = () => {
    const st = state.current;
    if (!sessionId || st.full || st.asking) return;
    st.asking = true;
    void inspectorApi().query.fields({ session_id: sessionId, sample: SAMPLE }).then((r) => {
      if (state.current !== st) return;
      st.asking = false;
      if (!r.ok) return;
      st.full = r.value.sampled >= SAMPLE;
      setPaths(r.value.data_paths);
    });
  };
  return { paths, refresh };
}

const SAMPLE = 200;

/**
 * The query box above the table: a CEL `where` over every field and the data (rows.page's
 * RowFilter.where), highlighted as typed, completing variable names and `data.` paths seen in
 * the log; Enter runs it. A malformed query's message (the CLI's text) shows under the box.
 */
export function QueryBox() {
  const { where, filter, sessionId, error, total, unfiltered, complete, loading } = useAppStore(useShallow((s) => ({
    where: s.filter.where ?? '', filter: s.filter, sessionId: s.session?.session_id ?? null, error: s.rowsError,
    total: s.rowsTotal, unfiltered: s.rowsTotalUnfiltered, complete: s.rowsComplete, loading: s.rowsLoading,
  })));
  const setFilter = useAppStore((s) => s.setFilter);
  const [draft, setDraft] = useState(where);
  const [cursor, setCursor] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const highlight = useRef<HTMLPreElement>(null);
  // The coloured copy scrolls with the input when the text is longer than the box.
  const syncScroll = () => {
    if (highlight.current && input.current) highlight.current.scrollLeft = input.current.scrollLeft;
  };
  useEffect(syncScroll);
  const { paths, refresh } = useDataPaths(sessionId);
  useEffect(() => setDraft(where), [where]);
  const completion = useMemo(() => completeAt(draft, cursor, paths), [draft, cursor, paths]);
  const showList = open && completion.items.length > 0;
  const tokens = useMemo(() => tokenize(draft), [draft]);
  const queryError = error?.code === 'INVALID_QUERY' ? error.message : null;
  const chips = filterAsWhere({ ...filter, where: undefined });

  const run = (text: string) => {
    setOpen(false);
    setFilter({ where: text.trim() || undefined });
  };
  const accept = (item: string) => {
    const next = draft.slice(0, completion.from) + item + draft.slice(cursor);
    setDraft(next);
    setOpen(false);
    const at = completion.from + item.length;
    requestAnimationFrame(() => input.current?.setSelectionRange(at, at));
    setCursor(at);
  };

  return (
    <div className="query-box">
      <div className="query-row">
        <label className="query-label" htmlFor="query-input">where</label>
        <div className="query-field">
          <pre ref={highlight} className="query-highlight" aria-hidden="true">
            {tokens.map((t, i) => <span key={i} className={`tok-${t.kind}`}>{t.text}</span>)}
            {' '}
          </pre>
          <input
            id="query-input"
            ref={input}
            role="combobox"
            aria-label="Query"
            aria-expanded={showList}
            aria-controls="query-completions"
            aria-autocomplete="list"
            aria-invalid={queryError !== null}
            aria-describedby="query-message"
            spellCheck={false}
            autoComplete="off"
            placeholder='entry_type == "Update" && data.counters.views > 40000'
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              setCursor(e.target.selectionStart ?? e.target.value.length);
              setOpen(true);
              setActive(0);
            }}
            onSelect={(e) => {
              setCursor(e.currentTarget.selectionStart ?? 0);
              syncScroll();
            }}
            onScroll={syncScroll}
            onKeyUp={syncScroll}
            onFocus={refresh}
            onBlur={() => setOpen(false)}
            onKeyDown={(e) => {
              if (showList && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
                e.preventDefault();
                const n = completion.items.length;
                setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
              } else if (showList && (e.key === 'Tab' || e.key === 'Enter')) {
                e.preventDefault();
                accept(completion.items[active] ?? completion.items[0]!);
              } else if (e.key === 'Escape') {
                setOpen(false);
              } else if (e.key === 'Enter') {
                run(draft);
              }
            }}
          />
          {showList && (
            <ul id="query-completions" role="listbox" aria-label="Completions" className="query-completions">
              {completion.items.map((item, i) => (
                <li
                  key={item}
                  role="option"
                  aria-selected={i === active}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    accept(item);
                  }}
                >
                  {item}
                </li>
              ))}
            </ul>
          )}
        </div>
        <button type="button" onClick={() => run(draft)}>Run</button>
        <button type="button" disabled={!where && !draft} onClick={() => { setDraft(''); run(''); }}>No query</button>
        <button
          type="button"
          disabled={chips === null}
          title={chips ?? 'No simple filter is set'}
          onClick={() => {
            // One change: the chips' fields out, their expression (with the query) in.
            const cleared = Object.fromEntries(Object.keys(filter).filter((k) => !(k in withoutChips(filter))).map((k) => [k, undefined]));
            setFilter({ ...cleared, where: filterAsWhere(filter) ?? undefined });
          }}
        >
          Filters as query
        </button>
        <SavedQueries current={draft} onPick={(q) => { setDraft(q); run(q); }} />
      </div>
      <div id="query-message" className={queryError ? 'query-message error' : 'query-message muted small'} role={queryError ? 'alert' : undefined}>
        {queryError ?? (where && !loading && !error
          ? `matched ${formatCount(total)} of ${formatCount(unfiltered)} scanned${complete ? '' : ' so far (indexing)'}`
          : '\u00a0')}
      </div>
    </div>
  );
}
