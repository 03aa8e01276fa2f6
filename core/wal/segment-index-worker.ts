import { parentPort, workerData } from 'node:worker_threads';
import { indexRange } from './segment-index.js';

const { file, from, stop } = workerData as { file: string; from: number; stop: number };
const index = indexRange(file, from, stop);
parentPort!.postMessage(index, [
  index.offsets.buffer, index.lengths.buffer, index.types.buffer, index.timestamps.buffer,
  index.collections.buffer, index.documents.buffer, index.transactions.buffer, index.hasData.buffer,
  index.ids.pool.buffer, index.ids.starts.buffer, index.ids.lengths.buffer,
] as ArrayBuffer[]);
