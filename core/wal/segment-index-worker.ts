import { parentPort } from 'node:worker_threads';
import { indexRange } from './segment-index.js';

/** A long-lived indexing worker: one request { id, file, from, stop } → one SegmentIndex. */
parentPort!.on('message', (req: { id: number; file: string; from: number; stop: number }) => {
  try {
    const index = indexRange(req.file, req.from, req.stop);
    parentPort!.postMessage({ id: req.id, index }, [
      index.offsets.buffer, index.lengths.buffer, index.types.buffer, index.timestamps.buffer,
      index.collections.buffer, index.documents.buffer, index.txHashLo.buffer, index.txHashHi.buffer, index.txAt.buffer, index.hasData.buffer,
      index.ids.pool.buffer, index.ids.starts.buffer, index.ids.lengths.buffer, index.ids.hashes.buffer,
    ] as ArrayBuffer[]);
  } catch (err) {
    parentPort!.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) });
  }
});
