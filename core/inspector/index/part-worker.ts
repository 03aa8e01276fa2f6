/**
 * The second indexing thread: indexes pieces of a large segment from its end while the index
 * worker reads it from its start (see split-scan.ts). One request { id, …PiecesRequest } →
 * one reply { id, parts }.
 */
import { parentPort } from 'node:worker_threads';
import { indexPieces, type PiecesRequest } from './index-part.js';

parentPort!.on('message', (req: PiecesRequest & { id: number }) => {
  try {
    const parts = indexPieces(req);
    // The chunks are shared memory; only the id tables are handed over.
    const transfer = [...new Set(parts.flatMap((p) => [p.idBytes.buffer as ArrayBuffer, p.idLengths.buffer as ArrayBuffer]))];
    parentPort!.postMessage({ id: req.id, parts }, transfer);
  } catch (err) {
    parentPort!.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) });
  }
});
