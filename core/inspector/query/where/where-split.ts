import type { RowStore } from '../../index/row-store.js';
import type { LocatedSegment } from '../../open-location.js';
import type { WhereQuery } from './compile-where.js';
import { KeptThread, siblingModule } from './kept-thread.js';
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
  /** Set to 1 by the caller when it gives up (cancelled, failed): the thread stops at its next tick. */
  readonly stop: SharedArrayBuffer;
}

const thread = new KeptThread(() => siblingModule(import.meta.url, 'where-half-worker'), 'second where');

/** Stops the kept second thread (tests; a process exits without it). */
export function closeWhereThread(): Promise<void> {
  return thread.close();
}

/** Below this many rows a second thread costs more to wake than it saves. */
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
    where: text, from: cut, to: rows, stop: new SharedArrayBuffer(4),
  };
  const later = thread.request<{ id: number; bitmap: Uint8Array }>({ ...req }).then((r) => r.bitmap);
  later.catch(() => undefined); // awaited below; a failure while the first share runs is not unhandled
  try {
    await scanWhere(src, q, m, cut, null, tick);
  } catch (err) {
    Atomics.store(new Int32Array(req.stop), 0, 1);
    throw err;
  }
  const bits = await later.catch(() => null);
  // The thread could not run (no second thread here, a read error): this one does its share.
  if (bits === null) return oneThread(src, q, m, rows, null, tick);
  let matched = 0;
  for (let i = 0; i < bits.length; i++) matched += bits[i]!;
  m.bitmap.set(bits, cut);
  m.matched += matched;
  m.scanned = rows;
  return 'two threads';
}

async function oneThread(...a: Parameters<typeof scanWhere>): Promise<'one thread'> {
  await scanWhere(...a);
  return 'one thread';
}
