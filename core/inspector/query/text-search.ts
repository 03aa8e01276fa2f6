import type { RowStore } from '../index/row-store.js';
import { fail } from '../inspector-error.js';
import type { Session } from '../session.js';
import { Needle } from './text-needle.js';
import { RUN, RunBuffers, runEnd, searchBinaryRun, searchLines } from './text-search-run.js';
import { searchRunElsewhere } from './text-search-thread.js';

export type TextProgress = (done: number, total: number) => void;

export interface TextOptions {
  readonly caseSensitive: boolean;
  readonly regex: boolean;
  /** performance.now() after which the search answers with what it has (rows [0, scanned) decided). */
  readonly deadline?: number;
  readonly signal?: AbortSignal;
  readonly progress?: TextProgress;
  /** Bytes per run (tests use small runs to see partial answers); default 8 MiB. */
  readonly runBytes?: number;
  /** Bytes left to search from which a second thread takes every other run; default SPLIT_BYTES (Infinity: one thread). */
  readonly splitBytes?: number;
  /** Told how many runs this call gave the second thread (tests, benchmarks). */
  readonly ran?: (runsElsewhere: number) => void;
}

/** Matches so far: rows [0, scanned) are decided, 1 = the row's data matches. */
export interface TextMatches {
  bitmap: Uint8Array;
  scanned: number;
}

/** Below this many bytes left to search, one thread does it all (a second costs more to wake than it saves). */
export const SPLIT_BYTES = 32 << 20;

/**
 * Which rows' stored data matches `query` (bitmap), reading payloads from disk. Binary segments
 * are read in runs of rows (~8 MiB) and searched as raw bytes (text-search-run.ts); on a large
 * uncompressed binary segment a kept second thread searches every other run at the same time,
 * so rows stay decided in order. Results are kept per session and extended as rows are added;
 * with a deadline the answer may be partial (scanned < rows) and the next call goes on from
 * there. Yields between runs, so it can be cancelled.
 */
export async function textMatches(session: Session, query: string, o: TextOptions): Promise<TextMatches> {
  const store = session.store;
  const key = `text:${o.caseSensitive ? 1 : 0}:${o.regex ? 1 : 0}:${query}`;
  let m = session.cache.lasting.get(key) as TextMatches | undefined;
  const rows = store.rows;
  if (!m) {
    m = { bitmap: new Uint8Array(rows), scanned: 0 };
    session.cache.lasting.set(key, m);
  }
  if (m.scanned > rows) m.scanned = rows;
  if (m.bitmap.length < rows) {
    const grown = new Uint8Array(rows);
    grown.set(m.bitmap.subarray(0, m.scanned));
    m.bitmap = grown;
  }
  let needle: Needle;
  try {
    needle = new Needle(query, o.caseSensitive, o.regex);
  } catch (e) {
    fail('INVALID_ARGUMENT', `text: not a valid regular expression: ${(e as Error).message}`, { field: 'filter.text' });
  }
  const buffers = new RunBuffers();
  const tick = async (done: number) => {
    o.progress?.(done, rows);
    await new Promise((resolve) => setImmediate(resolve));
    if (o.signal?.aborted) fail('ABORTED', 'the text search was cancelled');
    if (store.rows < rows) fail('ABORTED', 'rows were withdrawn during the search; search again');
  };
  const run = o.runBytes ?? RUN;
  const split = o.splitBytes ?? SPLIT_BYTES;
  const spec = { query, caseSensitive: o.caseSensitive, regex: o.regex };
  let elsewhere = split !== Infinity && bytesOf(store, m.scanned, rows, split) >= split;
  let runsElsewhere = 0;
  const answer = () => {
    o.ran?.(runsElsewhere);
    return m;
  };
  while (m.scanned < rows) {
    const row = m.scanned;
    const seg = session.segments[store.segment(row)]!;
    const source = await session.bytes.source(seg);
    const end = runEnd(store, row, rows, run);
    // The run after this one, on the second thread, when it is of a file it can read itself.
    const next = elsewhere && end < rows && splittable(session, store, end) ? runEnd(store, end, rows, run) : end;
    const there = next > end ? searchRunElsewhere(store, session.segments[store.segment(end)]!, spec, end, next) : null;
    there?.catch(() => undefined); // awaited below
    if (seg.format === 'jsonl') searchLines(store, source, needle, row, end, m.bitmap, 0);
    else searchBinaryRun(store, source, needle, row, end, buffers, m.bitmap, 0);
    if (there) {
      const marks = await there.catch(() => null);
      if (marks === null) {
        // No second thread here (or it failed): this one searches on alone.
        elsewhere = false;
        searchBinaryRun(store, await session.bytes.source(session.segments[store.segment(end)]!), needle, end, next, buffers, m.bitmap, 0);
      } else {
        m.bitmap.set(marks, end);
        runsElsewhere++;
      }
    }
    m.scanned = next;
    await tick(next);
    // At least one run a call, so that asking again always gets further.
    if (o.deadline !== undefined && performance.now() > o.deadline && m.scanned < rows) return answer();
  }
  o.progress?.(rows, rows);
  return answer();
}

/** Whether the row's segment is one the second thread reads in place (an uncompressed binary file). */
function splittable(session: Session, store: RowStore, row: number): boolean {
  const seg = session.segments[store.segment(row)]!;
  return seg.compression === 'none' && seg.format !== 'jsonl';
}

/** Bytes of rows [from, rows), counted up to `enough`. */
function bytesOf(store: RowStore, from: number, rows: number, enough: number): number {
  let total = 0;
  for (let r = from; r < rows && total < enough; r++) total += store.length(r);
  return total;
}
