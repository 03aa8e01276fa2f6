import { startWorker } from '../../../wal/start-worker.js';
import type { RowStore } from '../../index/row-store.js';
import type { LocatedSegment } from '../../open-location.js';
import type { WhereQuery } from './compile-where.js';
import { scanWhere, type WhereSource, type WhereState } from './where-scan.js';

/** What the second thread is given: shared row chunks, a copy of the ids, the segments to read. */
export interface HalfRequest {
  readonly chunks: SharedArrayBuffer[];
  readonly idBytes: Uint8Array;
  readonly idLengths: Uint16Array;
  readonly segments: readonly LocatedSegment[];
  readonly where: string;
  readonly from: number;
  readonly to: number;
}

/** Below this many rows a second thread costs more to start than it saves. */
export const SPLIT_MIN_ROWS = 200_000;

/**
 * Where to cut rows [from, to) so both threads read about as many bytes: the first row past
 * half the bytes (a row is an entry or damaged range, so the cut is at an entry boundary).
 */
export function splitRow(store: RowStore, from: number, to: number): number {
  let total = 0;
  for (let r = from; r < to; r++) total += store.length(r);
  let acc = 0;
  for (let r = from; r < to; r++) {
    acc += store.length(r);
    if (acc * 2 >= total) return r + 1;
  }
  return to;
}

/**
 * scanWhere over rows [m.scanned, rows) on two threads: this one evaluates the first share
 * (ticking as usual), a worker the rest, reading uncompressed segments itself; the worker's
 * matches are copied in when it is done, so m.scanned only passes the cut once both are.
 * Evaluated on one thread instead when the rows are few, statuses are needed (the worker has
 * no transaction groups), the expression reads only indexed fields (no segment bytes), or the
 * later share has a compressed segment (the worker would decompress it again).
 */
export async function scanWhereSplit(
  src: WhereSource, segments: readonly LocatedSegment[], q: WhereQuery, text: string, m: WhereState, rows: number,
  status: ((row: number) => string) | null, tick: (done: number) => Promise<void>, minRows = SPLIT_MIN_ROWS,
): Promise<'one thread' | 'two threads'> {
  const store = src.store;
  const readsBytes = q.uses.has('data') || q.uses.has('transaction_id') || q.uses.has('damaged');
  const from = m.scanned;
  if (rows - from < minRows || status !== null || !readsBytes) return oneThread(src, q, m, rows, status, tick);
  const cut = splitRow(store, from, rows);
  for (let r = cut; r < rows; r++) {
    if (segments[store.segment(r)]!.compression !== 'none') return oneThread(src, q, m, rows, status, tick);
  }
  if (cut >= rows) return oneThread(src, q, m, rows, status, tick);
  const ids = store.ids.exportAll();
  const req: HalfRequest = {
    chunks: store.chunkBuffers(), idBytes: ids.bytes, idLengths: ids.lengths,
    segments: segments.map(({ name, path, compression, fileBytes }) => ({ name, path, compression, fileBytes })),
    where: text, from: cut, to: rows,
  };
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const worker = startWorker(new URL(`./where-half-worker${ext}`, import.meta.url), req);
  const later = new Promise<Uint8Array>((resolve, reject) => {
    worker.once('message', (r: { bitmap?: Uint8Array; error?: string }) => {
      if (r.bitmap) resolve(r.bitmap);
      else reject(new Error(r.error ?? 'the second where thread failed'));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the second where thread stopped (exit ${code})`)));
  });
  later.catch(() => undefined); // awaited below; a failure while the first share runs is not unhandled
  try {
    await scanWhere(src, q, m, cut, null, tick);
    const bits = await later.catch(() => null);
    // The worker could not run (no second thread here, a read error): this thread does its share.
    if (bits === null) return await oneThread(src, q, m, rows, null, tick);
    let matched = 0;
    for (let i = 0; i < bits.length; i++) matched += bits[i]!;
    m.bitmap.set(bits, cut);
    m.matched += matched;
    m.scanned = rows;
    return 'two threads';
  } finally {
    void worker.terminate();
  }
}

async function oneThread(...a: Parameters<typeof scanWhere>): Promise<'one thread'> {
  await scanWhere(...a);
  return 'one thread';
}
