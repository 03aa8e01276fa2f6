/**
 * The second indexing thread: indexes pieces of a large segment from its end while the index
 * worker reads it from its start (see split-scan.ts). One request { id, …PiecesRequest } →
 * one reply { id, parts }; { id, lanes: LanesRequest } → { id, lanes: LaneOrder } (stats: half
 * of the rows sorted by transaction lane while the first thread sorts the other half).
 */
import { parentPort } from 'node:worker_threads';
import { indexPieces, type PiecesRequest } from './index-part.js';
import { sortLanes } from './tx-lane-sort.js';
import type { LanesRequest } from './split-scan.js';

parentPort!.on('message', (req: (PiecesRequest | { lanes: LanesRequest }) & { id: number }) => {
  try {
    if ('lanes' in req) {
      const lanes = sortLanes(req.lanes.chunks, req.lanes.from, req.lanes.to, req.lanes.lanesFrom, req.lanes.lanesTo);
      parentPort!.postMessage({ id: req.id, lanes }, [lanes.keys.buffer as ArrayBuffer, lanes.order.buffer as ArrayBuffer]);
      return;
    }
    const parts = indexPieces(req);
    // The chunks are shared memory; only the id tables are handed over.
    const transfer = [...new Set(parts.flatMap((p) => [p.idBytes.buffer as ArrayBuffer, p.idLengths.buffer as ArrayBuffer]))];
    parentPort!.postMessage({ id: req.id, parts }, transfer);
  } catch (err) {
    parentPort!.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) });
  }
});
