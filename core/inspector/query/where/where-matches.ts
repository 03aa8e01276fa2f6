import { fail } from '../../inspector-error.js';
import type { Session } from '../../session.js';
import { transactionRowGroups } from '../transactions.js';
import { compileWhere } from './compile-where.js';
import { statusLookup } from './tx-status-of-rows.js';
import type { WhereState } from './where-scan.js';
import { scanWhereSplit } from './where-split.js';

const MAX_KEPT = 8;

export type WhereProgress = (done: number, total: number) => void;

/**
 * Which rows match a `where` expression (bitmap, 1 = match), evaluated on every row of the
 * session: indexed fields come from the row store; data and transaction ids are read from the
 * segments, in file order through one window, only when the expression reads them, and a
 * row whose data lacks a required text is ruled out before its data is parsed. Results are
 * kept per session and extended as rows are added. Yields every 4,096 rows (cancellable).
 */
export async function whereMatches(
  session: Session, text: string, signal?: AbortSignal, progress?: WhereProgress, minRows?: number,
): Promise<{ bitmap: Uint8Array; scanned: number }> {
  const q = compileWhere(text);
  const store = session.store;
  const key = `where:${text}`;
  const lasting = session.cache.lasting;
  let m = lasting.get(key) as WhereState | undefined;
  const rows = store.rows;
  // Rows withdrawn, or statuses that later rows may have changed: evaluate again from the start.
  if (m && (m.scanned > rows || (q.uses.has('transaction_status') && m.scanned !== rows))) m = undefined;
  if (!m) {
    m = { bitmap: new Uint8Array(rows), scanned: 0, matched: 0 };
    const kept = [...lasting.keys()].filter((k) => k.startsWith('where:') && k !== key);
    // A bitmap is a byte per row: keep the last few queries only.
    for (const old of kept.slice(0, Math.max(0, kept.length - (MAX_KEPT - 1)))) lasting.delete(old);
    lasting.set(key, m);
  }
  if (m.bitmap.length < rows) {
    const grown = new Uint8Array(rows);
    grown.set(m.bitmap.subarray(0, m.scanned));
    m.bitmap = grown;
  }
  if (m.scanned === rows) return { bitmap: m.bitmap, scanned: rows };
  const status = q.uses.has('transaction_status') ? await rowStatuses(session) : null;
  const tick = async (done: number) => {
    progress?.(done, rows);
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) fail('ABORTED', 'the query was cancelled');
    if (store.rows < rows) fail('ABORTED', 'rows were withdrawn during the query; run it again');
  };
  const src = { store, segmentName: (k: number) => session.segments[k]!.name, source: (k: number) => session.bytes.source(session.segments[k]!) };
  await scanWhereSplit(src, session.segments, q, text, m, rows, status, tick, minRows);
  progress?.(rows, rows);
  return { bitmap: m.bitmap, scanned: rows };
}

/** Each row's transaction status name ("" for damage), from the session's transaction groups. */
async function rowStatuses(session: Session): Promise<(row: number) => string> {
  return statusLookup(session.store, (await transactionRowGroups(session)).groupOf);
}
