import type { RowFilter, RowPage, RowSort } from '../contract-types.js';
import { compileFilter, matchRows } from './row-filter.js';
import { rowView } from './row-view.js';
import { sortOrder } from './sort-order.js';
import { textMatches, type TextProgress } from './text-search.js';
import type { Session } from '../session.js';
import { exactTimestamps } from '../entry/exact-timestamp.js';

/** Row numbers matching a filter in the requested order (cached per store version). */
export async function orderedMatches(
  session: Session, filter: RowFilter | undefined, sort: RowSort | undefined, signal?: AbortSignal, progress?: TextProgress,
): Promise<{ order: ArrayLike<number> | null; total: number }> {
  const store = session.store;
  const text = filter?.text ? await textMatches(session, filter.text, filter.text_case_sensitive ?? false, signal, progress) : null;
  const version = store.version;
  const rows = store.rows;
  const fkey = JSON.stringify(filter ?? {});
  const compiled = session.cache.get(version, `compiled:${fkey}`, () => compileFilter(store, filter, text));
  const key = sort?.key ?? 'file';
  const desc = sort?.direction === 'desc';
  const perm = session.cache.get(version, `sort:${key}:${desc}`, () => sortOrder(store, key, desc));
  if (compiled.all) return { order: perm, total: rows };
  const matches = session.cache.get(version, `match:${fkey}`, () => matchRows(store, compiled, rows));
  if (!perm) return { order: matches, total: matches.length };
  return {
    order: session.cache.get(version, `sorted:${key}:${desc}:${fkey}`, () => {
      const hit = new Uint8Array(rows);
      for (let i = 0; i < matches.length; i++) hit[matches[i]!] = 1;
      const out = new Int32Array(matches.length);
      let n = 0;
      for (let i = 0; i < perm.length; i++) if (hit[perm[i]!]) out[n++] = perm[i]!;
      return out;
    }),
    total: matches.length,
  };
}

/** rows.page: a page of rows with the number that match. */
export async function rowPage(
  session: Session, offset: number, limit: number, filter: RowFilter | undefined, sort: RowSort | undefined,
  signal?: AbortSignal, progress?: TextProgress,
): Promise<RowPage> {
  const { order, total } = await orderedMatches(session, filter, sort, signal, progress);
  const end = Math.min(total, offset + limit);
  const rows = [];
  for (let i = offset; i < end; i++) rows.push(rowView(session, order ? order[i]! : i));
  return {
    rows: await exactTimestamps(session, rows), total, total_unfiltered: session.store.rows, offset,
    complete: session.indexer.complete,
  };
}
