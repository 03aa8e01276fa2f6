/**
 * The view in the address: which log (and collection), the view tab, the filter, the sort and
 * the selected row, as fragment parameters (`#log=…&types=Insert,Update&sort=time.desc&row=12`).
 * The fragment, because no request carries it (paths and ids stay on this machine, as the
 * token does) and it works the same under serve's http:// and Electron's app://.
 * Pure: encodes and decodes only; renderer/src/store/url-sync.ts wires it to the store.
 */
import { ENTRY_TYPE_NAMES, type EntryTypeName, type RowFilter, type RowSort, type SortKey } from '../contract.js';

export type ViewName = 'entries' | 'transactions' | 'stats' | 'verify';

export interface ViewState {
  readonly log: string | null;
  readonly collection?: string;
  readonly view: ViewName;
  readonly filter: RowFilter;
  /** Absent: the log's own order (defaultSortFor), so a link without one opens a store in time order. */
  readonly sort?: RowSort;
  /** Chain row of the selected row. */
  readonly row?: number;
}

type FilterKey = keyof RowFilter;
type Param = { readonly param: string; readonly key: FilterKey; readonly kind: 'string' | 'number' | 'types' | 'flag' | 'damage' };

/** Filter fields and their parameter names: a new RowFilter field needs one line here. */
export const FILTER_PARAMS: readonly Param[] = [
  { param: 'types', key: 'types', kind: 'types' },
  { param: 'collection', key: 'collection', kind: 'string' },
  { param: 'doc', key: 'document_id', kind: 'string' },
  { param: 'doc_prefix', key: 'document_id_prefix', kind: 'string' },
  { param: 'tx', key: 'transaction_id', kind: 'string' },
  { param: 'from', key: 'time_from', kind: 'number' },
  { param: 'to', key: 'time_to', kind: 'number' },
  { param: 'damage', key: 'damage', kind: 'damage' },
  { param: 'text', key: 'text', kind: 'string' },
  { param: 'case', key: 'text_case_sensitive', kind: 'flag' },
  { param: 'where', key: 'where', kind: 'string' },
];

const VIEWS: readonly ViewName[] = ['entries', 'transactions', 'stats', 'verify'];
const SORT_KEYS: readonly SortKey[] = ['file', 'time', 'type', 'collection', 'document', 'size'];
export const DEFAULT_SORT: RowSort = { key: 'file', direction: 'asc' };
/** A store is one log in time order (its file order is collection by collection). */
export const STORE_SORT: RowSort = { key: 'time', direction: 'asc' };

/** The order a log opens in: the sort a view without one means. */
export function defaultSortFor(session: { readonly store?: unknown } | null): RowSort {
  return session?.store ? STORE_SORT : DEFAULT_SORT;
}

export function sameSort(a: RowSort, b: RowSort): boolean {
  return a.key === b.key && (a.direction ?? 'asc') === (b.direction ?? 'asc');
}

/** The fragment (without '#') for a view; empty for the start screen. */
export function encodeView(state: ViewState): string {
  if (!state.log) return '';
  const p = new URLSearchParams();
  p.set('log', state.log);
  if (state.collection) p.set('c', state.collection);
  if (state.view !== 'entries') p.set('view', state.view);
  for (const { param, key, kind } of FILTER_PARAMS) {
    const value = state.filter[key] as unknown;
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (kind === 'types') p.set(param, (value as readonly string[]).join(','));
    else if (kind === 'flag') p.set(param, '1');
    else if (kind === 'damage' && value === 'include') continue;
    else p.set(param, String(value));
  }
  const sort = state.sort;
  if (sort) p.set('sort', `${sort.key}.${sort.direction ?? 'asc'}`);
  if (state.row !== undefined) p.set('row', String(state.row));
  return p.toString();
}

/** The view a fragment names; anything malformed is left out (never an error: links get edited by hand). */
export function decodeView(fragment: string): ViewState {
  const p = new URLSearchParams(fragment.replace(/^#/, ''));
  const log = p.get('log');
  const filter: Record<string, unknown> = {};
  for (const { param, key, kind } of FILTER_PARAMS) {
    const raw = p.get(param);
    if (raw === null || raw === '') continue;
    if (kind === 'types') {
      const types = raw.split(',').filter((t): t is EntryTypeName => (ENTRY_TYPE_NAMES as readonly string[]).includes(t));
      if (types.length > 0) filter[key] = types;
    } else if (kind === 'number') {
      const n = Number(raw);
      if (Number.isFinite(n)) filter[key] = n;
    } else if (kind === 'flag') {
      if (raw === '1' || raw === 'true') filter[key] = true;
    } else if (kind === 'damage') {
      if (raw === 'only' || raw === 'exclude') filter[key] = raw;
    } else filter[key] = raw;
  }
  const [sortKey, direction] = (p.get('sort') ?? '').split('.');
  const sort: RowSort | undefined =
    sortKey && (SORT_KEYS as readonly string[]).includes(sortKey)
      ? { key: sortKey as SortKey, direction: direction === 'desc' ? 'desc' : 'asc' }
      : undefined;
  const view = (VIEWS as readonly string[]).includes(p.get('view') ?? '') ? (p.get('view') as ViewName) : 'entries';
  const rowText = p.get('row');
  const row = rowText !== null && /^\d+$/.test(rowText) ? Number(rowText) : undefined;
  const collection = p.get('c') ?? undefined;
  return {
    log: log || null, view, filter: filter as RowFilter, ...(sort ? { sort } : {}),
    ...(collection ? { collection } : {}), ...(row !== undefined && Number.isSafeInteger(row) ? { row } : {}),
  };
}

/** Two views that differ only in the selected row: the address is replaced, not pushed. */
export function sameViewBesidesRow(a: ViewState, b: ViewState): boolean {
  return encodeView({ ...a, row: undefined }) === encodeView({ ...b, row: undefined });
}
