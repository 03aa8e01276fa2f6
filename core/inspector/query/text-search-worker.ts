/**
 * The text search's second thread (text-search-thread.ts): searches the runs of rows it is
 * sent in the session's shared row chunks, reading the segment file itself. Kept between
 * searches, it keeps the last store's chunks, segment file and needle.
 */
import { parentPort } from 'node:worker_threads';
import { FileByteSource } from '../../wal/byte-source.js';
import { collectGarbage } from '../collect-garbage.js';
import { RowStore } from '../index/row-store.js';
import { Needle } from './text-needle.js';
import { RunBuffers, searchBinaryRun } from './text-search-run.js';
import type { TextRunRequest, TextThreadHolding } from './text-search-thread.js';

let storeKey = -1;
let store = new RowStore();
let chunkCount = 0;
let file: FileByteSource | null = null;
let needleKey = '';
let needle: Needle | null = null;
let buffers = new RunBuffers();

/** One byte per row of the run: 1 where the row's data matches. */
function run(req: TextRunRequest): Uint8Array {
  if (req.storeKey !== storeKey || req.chunksFrom === 0) {
    storeKey = req.storeKey;
    store = new RowStore();
    chunkCount = 0;
  }
  if (req.chunksFrom !== chunkCount) throw new Error('the text search thread lost track of the row chunks');
  for (const sab of req.chunks) store.addChunk(sab);
  chunkCount += req.chunks.length;
  store.commit(req.end);
  if (file?.path !== req.path) {
    file?.close();
    file = null;
    file = FileByteSource.open(req.path, req.name);
  }
  file.refreshSize();
  const key = `${req.caseSensitive ? 1 : 0}${req.regex ? 1 : 0}${req.query}`;
  if (key !== needleKey || !needle) {
    needle = new Needle(req.query, req.caseSensitive, req.regex);
    needleKey = key;
  }
  const marks = new Uint8Array(req.end - req.row);
  searchBinaryRun(store, file, needle, req.row, req.end, buffers, marks, req.row);
  return marks;
}

/** Drops the store's chunks, its file and needle (its session closed). */
function release(key: number): void {
  if (key !== storeKey) return;
  storeKey = -1;
  store = new RowStore();
  chunkCount = 0;
  file?.close();
  file = null;
  needle = null;
  needleKey = '';
  buffers = new RunBuffers();
  // The chunks are shared with the main thread: they are freed only once this isolate, which
  // has little heap of its own and so rarely collects, lets go of them too (measured: a closed
  // 2 M-entry session stayed +134 MiB while this thread lived).
  collectGarbage();
}

function holding(): TextThreadHolding {
  return { storeKey, rows: store.rows, chunks: chunkCount, fileOpen: file !== null };
}

type Message = (TextRunRequest | { kind: 'release'; storeKey: number } | { kind: 'holding' }) & { id: number };

parentPort!.on('message', (req: Message) => {
  try {
    if (req.kind === 'release') {
      release(req.storeKey);
      parentPort!.postMessage({ id: req.id, holding: holding() });
      return;
    }
    if (req.kind === 'holding') {
      parentPort!.postMessage({ id: req.id, holding: holding() });
      return;
    }
    const marks = run(req);
    parentPort!.postMessage({ id: req.id, marks }, [marks.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) });
  }
});
