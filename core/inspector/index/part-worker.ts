/**
 * The second indexing thread: indexes the later share of a large segment while the index
 * worker reads the first (see split-scan.ts). One request { id, …PartRequest } → one IndexPart.
 */
import { parentPort } from 'node:worker_threads';
import { indexPart, type PartRequest } from './index-part.js';

parentPort!.on('message', (req: PartRequest & { id: number }) => {
  try {
    const part = indexPart(req);
    // The chunks are shared memory; only the id table is handed over.
    parentPort!.postMessage({ id: req.id, part }, [part.idBytes.buffer as ArrayBuffer, part.idLengths.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) });
  }
});
