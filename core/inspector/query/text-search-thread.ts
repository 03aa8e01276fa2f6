import type { RowStore } from '../index/row-store.js';
import { KeptThread, siblingModule } from './where/kept-thread.js';

/** One run of rows for the second thread: rows [row, end) of the segment file at `path`. */
export interface TextRunRequest {
  readonly kind: 'run';
  readonly storeKey: number;
  /** Chunks the thread does not have yet, the first being chunk number `chunksFrom`. */
  readonly chunks: SharedArrayBuffer[];
  readonly chunksFrom: number;
  readonly path: string;
  readonly name: string;
  readonly query: string;
  readonly caseSensitive: boolean;
  readonly regex: boolean;
  readonly row: number;
  readonly end: number;
}

const thread = new KeptThread(() => siblingModule(import.meta.url, 'text-search-worker'), 'text search');
const storeKeys = new WeakMap<RowStore, number>();
let nextKey = 0;
/** What the thread holds (requests are handled in the order they are sent). */
let held = { key: -1, chunks: 0 };

/**
 * Searches rows [row, end) of one uncompressed binary segment on the text search's kept
 * second thread; resolves to one byte per row of the run (1: its data matches), so the
 * answer is copied into the search's bitmap at once. It reads the same bytes as this
 * thread would and runs the same code (text-search-run.ts).
 */
export function searchRunElsewhere(
  store: RowStore, seg: { path: string; name: string }, needle: { query: string; caseSensitive: boolean; regex: boolean }, row: number, end: number,
): Promise<Uint8Array> {
  let key = storeKeys.get(store);
  if (key === undefined) storeKeys.set(store, (key = nextKey++));
  const all = store.chunkBuffers();
  const from = held.key === key ? held.chunks : 0;
  held = { key, chunks: all.length };
  const req: TextRunRequest = {
    kind: 'run', storeKey: key, chunks: all.slice(from), chunksFrom: from, path: seg.path, name: seg.name, ...needle, row, end,
  };
  return thread.request<{ id: number; marks: Uint8Array }>({ ...req }).then(
    (r) => r.marks,
    (err: unknown) => {
      held = { key: -1, chunks: 0 }; // a restarted thread holds nothing
      throw err;
    },
  );
}

/** What the thread holds: its store's key (-1: none), rows, chunks and whether a segment file is open. */
export interface TextThreadHolding {
  readonly storeKey: number;
  readonly rows: number;
  readonly chunks: number;
  readonly fileOpen: boolean;
}

/**
 * A closed session's store leaves the thread: if the thread holds its chunks (the last store it
 * searched), it drops them, its segment file and needle, so the session's memory can go back
 * while other sessions stay open. Nothing is sent when the thread holds another store or none.
 */
export async function releaseTextSearchStore(store: RowStore): Promise<void> {
  const key = storeKeys.get(store);
  if (key === undefined || held.key !== key) return;
  held = { key: -1, chunks: 0 };
  await thread.request({ kind: 'release', storeKey: key });
}

/** What the thread holds now (tests, benchmarks); starts no thread (none: holds nothing). */
export async function textSearchThreadHolding(): Promise<TextThreadHolding> {
  if (!thread.running) return { storeKey: -1, rows: 0, chunks: 0, fileOpen: false };
  const r = await thread.request<{ id: number; holding: TextThreadHolding }>({ kind: 'holding' });
  return r.holding;
}

/** Stops the kept thread (tests; a process exits without it). */
export function closeTextSearchThread(): Promise<void> {
  held = { key: -1, chunks: 0 };
  return thread.close();
}
