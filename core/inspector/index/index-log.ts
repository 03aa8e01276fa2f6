import type { WalFormatName } from '../../contract/contract-types.js';
import { InspectorFailure } from '../inspector-error.js';
import type { LocatedSegment } from '../open-location.js';
import { indexChain } from './index-chain.js';
import type { WorkerInit, WorkerMessage } from './index-messages.js';
import { IndexWriter } from './index-writer.js';
import { RowStore } from './row-store.js';

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
  await indexChain(init, writer, post, () => !o.signal?.aborted);
  if (o.signal?.aborted) throw new InspectorFailure('ABORTED', 'reading was cancelled');
  writer.flush(0);
  store.commit(writer.rows);
  return store;
}
