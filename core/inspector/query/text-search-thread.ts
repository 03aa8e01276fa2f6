import type { RowStore } from '../index/row-store.js';
import { KeptThread, siblingModule } from './where/kept-thread.js';

/** One run of rows for the second thread: rows [row, end) of the segment file at `path`. */
export interface TextRunRequest {
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
 * second thread; resolves to the matching rows in order. It reads the same bytes as this
 * thread would and runs the same code (text-search-run.ts).
 */
export function searchRunElsewhere(
  store: RowStore, seg: { path: string; name: string }, needle: { query: string; caseSensitive: boolean; regex: boolean }, row: number, end: number,
): Promise<Uint32Array> {
  let key = storeKeys.get(store);
  if (key === undefined) storeKeys.set(store, (key = nextKey++));
  const all = store.chunkBuffers();
  const from = held.key === key ? held.chunks : 0;
  held = { key, chunks: all.length };
  const req: TextRunRequest = {
    storeKey: key, chunks: all.slice(from), chunksFrom: from, path: seg.path, name: seg.name, ...needle, row, end,
  };
  return thread.request<{ id: number; hits: Uint32Array }>({ ...req }).then(
    (r) => r.hits,
    (err: unknown) => {
      held = { key: -1, chunks: 0 }; // a restarted thread holds nothing
      throw err;
    },
  );
}

/** Stops the kept thread (tests; a process exits without it). */
export function closeTextSearchThread(): Promise<void> {
  held = { key: -1, chunks: 0 };
  return thread.close();
}
