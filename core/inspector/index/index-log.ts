import type { WalFormatName } from '../../contract/contract-types.js';
import { InspectorFailure } from '../inspector-error.js';
import type { LocatedSegment } from '../open-location.js';
import { indexChain } from './index-chain.js';
import type { WorkerInit, WorkerMessage } from './index-messages.js';
import { IndexWriter } from './index-writer.js';
import { RowStore } from './row-store.js';
import { PartThread } from './split-scan.js';
import { concatLanes, sortLanes, type LaneOrder } from './tx-lane-sort.js';

export interface IndexLogOptions {
  readonly format?: WalFormatName;
  readonly signal?: AbortSignal;
  /** Told now and then how many (decompressed) bytes are indexed. */
  readonly onProgress?: (bytesDone: number) => void;
  /** Told when a segment is opened: its decompressed size (a session's SegmentState.bytes). */
  readonly onSegment?: (index: number, bytes: number) => void;
  /** Also flag transaction ids that are not UTF-8 (see WorkerInit.idsUtf8). */
  readonly idsUtf8?: boolean;
  readonly splitBytes?: number;
  /** Tests: pieces a split segment is cut into, and the most of them the first thread reads (WorkerInit's). */
  readonly splitPieces?: number;
  readonly splitFirstPieces?: number;
  /** Tests: from how many rows on the transaction lanes are sorted on both threads (default LANES_SPLIT_ROWS). */
  readonly lanesSplitRows?: number;
  /** Also count the rows for `stats` as they are indexed, in both threads (RowStore.counts). */
  readonly counts?: boolean;
}

/**
 * Indexes a chain for a one-shot command (stats) with the service's index, in this thread
 * (which has nothing else to do) plus the index's second thread for large segments; resolves
 * with the complete rows. Errors are the core's own (the file they concern named).
 */
export async function indexLog(segments: readonly LocatedSegment[], o: IndexLogOptions = {}): Promise<RowStore> {
  const init: WorkerInit = {
    segments: segments.map(({ name, path, compression }) => ({ name, path, compression })), walDir: null,
    ...(o.format ? { format: o.format } : {}), ...(o.idsUtf8 ? { idsUtf8: true } : {}),
    ...(o.splitBytes !== undefined ? { splitBytes: o.splitBytes } : {}),
    ...(o.splitPieces !== undefined ? { splitPieces: o.splitPieces } : {}),
    ...(o.splitFirstPieces !== undefined ? { splitFirstPieces: o.splitFirstPieces } : {}),
  };
  const store = new RowStore();
  // The messages the index worker would send the service, applied to the store directly.
  const post = (m: WorkerMessage) => {
    if (m.t === 'chunk') store.addChunk(m.sab);
    else if (m.t === 'ids') store.ids.append(m.bytes, m.lengths);
    else if (m.t === 'damage') store.addDamage(m.items);
    else if (m.t === 'segment') o.onSegment?.(m.index, m.bytes);
    else if (m.t === 'rows') {
      store.commit(m.rows);
      o.onProgress?.(m.bytesDone);
    }
  };
  const writer = new IndexWriter(post);
  if (o.counts) writer.countRows();
  const thread = new PartThread();
  try {
    await indexChain(init, writer, post, () => !o.signal?.aborted, thread);
    if (o.signal?.aborted) throw new InspectorFailure('ABORTED', 'reading was cancelled');
    store.counts = writer.counts();
    writer.flush(0);
    store.commit(writer.rows);
    if (o.counts) store.lanes = { ...(await laneOrder(store, thread, o.lanesSplitRows ?? LANES_SPLIT_ROWS)), rows: store.rows };
  } finally {
    await thread.close();
  }
  return store;
}

/** Rows at least this many are sorted on both threads (fewer: the second thread's round trip would not pay). */
const LANES_SPLIT_ROWS = 1 << 17;

/**
 * The rows by transaction lane for `stats`' grouping (sorted-tx-groups.ts): the rows of the
 * upper half of the lanes sorted in the index's second thread (when indexing started it)
 * while this one sorts the lower half's, then put end to end.
 */
async function laneOrder(store: RowStore, thread: PartThread, splitRows: number): Promise<LaneOrder> {
  const chunks = store.chunkBuffers();
  const rows = store.rows;
  if (!thread.started || rows < Math.max(2, splitRows)) return sortLanes(chunks, 0, rows);
  const later = thread.sortLanes({ chunks, from: 0, to: rows, lanesFrom: 2 ** 31, lanesTo: 2 ** 32 });
  later.catch(() => undefined); // awaited below
  const lower = sortLanes(chunks, 0, rows, 0, 2 ** 31);
  return concatLanes(lower, await later);
}
