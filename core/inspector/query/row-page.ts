import type { RowFilter, RowPage, RowSort } from '../../contract/contract-types.js';
import { compileFilter, matchRows } from './row-filter.js';
import { rowViews } from './row-view.js';
import { matchTransaction } from './tx-ids.js';
import { sortOrder } from './sort-order.js';
import { textMatches, type TextProgress } from './text-search.js';
import type { Session } from '../session.js';
import { exactTimestamps } from '../entry/exact-timestamp.js';
import { whereMatches } from './where/where-matches.js';

/** Row numbers matching a filter in the requested order (cached per store version). */
export async function orderedMatches(
  session: Session, filter: RowFilter | undefined, sort: RowSort | undefined, signal?: AbortSignal, progress?: TextProgress,
  answerWithinMs?: number,
): Promise<{ order: ArrayLike<number> | null; total: number; scanned?: number }> {
  const store = session.store;
  const deadline = answerWithinMs === undefined ? {} : { deadline: performance.now() + answerWithinMs };
  const found = filter?.text
    ? await textMatches(session, filter.text, {
      caseSensitive: filter.text_case_sensitive ?? false, regex: filter.text_regex ?? false, ...deadline,
      ...(signal ? { signal } : {}), ...(progress ? { progress } : {}),
    })
    : null;
  const where = filter?.where !== undefined ? await whereMatches(session, filter.where, signal, progress) : null;
  // Rows decided so far: a partial text search counts only its matches among them.
  const decided = Math.min(where?.scanned ?? Infinity, found?.scanned ?? Infinity);
  const scanned = where || found ? { scanned: decided } : {};
  const text = found?.bitmap ?? null;
  const tx = filter?.transaction_id !== undefined ? await matchTransaction(session, filter.transaction_id) : null;
  // Nothing awaits from here on: the rows are those of this version (matchTransaction's too).
  const version = store.version;
  const rows = store.rows;
  // A partial search's matches grow between calls on the same rows: key its caches by how far it got.
  const fkey = JSON.stringify(filter ?? {}) + (found ? `@${found.scanned}` : '');
  const compiled = session.cache.get(version, `compiled:${fkey}`, () => compileFilter(store, filter, text, tx, where?.bitmap ?? null));
  // A store session's rows are in file order (collection, position); its default is time order.
  const key = sort?.key ?? (session.located.store ? 'time' : 'file');
  const desc = sort?.direction === 'desc';
  // A descending order reuses the ascending one (and the id ranks) when that was built on these rows.
  const memo = <T>(name: string, make: () => T): T => session.cache.get(version, name, make);
  const perm = session.cache.get(version, `sort:${key}:${desc}`, () => sortOrder(store, key, desc, memo));
  if (compiled.all) return { order: perm, total: rows };
  const matches = session.cache.get(version, `match:${fkey}`, () => matchRows(store, compiled, rows));
  if (!perm) return { order: matches, total: matches.length, ...scanned };
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
    ...scanned,
  };
}

/** rows.page: a page of rows with the number that match. */
export async function rowPage(
  session: Session, offset: number, limit: number, filter: RowFilter | undefined, sort: RowSort | undefined,
  signal?: AbortSignal, progress?: TextProgress, answerWithinMs?: number,
): Promise<RowPage> {
  const { order, total, scanned } = await orderedMatches(session, filter, sort, signal, progress, answerWithinMs);
  const end = Math.min(total, offset + limit);
  const picked: number[] = [];
  for (let i = offset; i < end; i++) picked.push(order ? order[i]! : i);
  const rows = await rowViews(session, picked);
  return {
    rows: await exactTimestamps(session, rows), total, total_unfiltered: session.store.rows, offset,
    complete: session.indexer.complete, ...(scanned !== undefined ? { scanned } : {}),
  };
}
