import type { Worker } from 'node:worker_threads';
import { ByteWindow, type ByteSource } from '../../wal/byte-source.js';
import { startWorker } from '../../wal/start-worker.js';
import { alignedStart, claimFront, partEntryOffsets, partOffsets, type PiecePart, type PiecesRequest } from './index-part.js';
import { scanSegment, type HeldDamage, type ScanOptions } from './index-scan.js';
import type { IndexWriter } from './index-writer.js';
import type { LaneOrder } from './tx-lane-sort.js';

/** Segments smaller than this are read by one thread (a second one would not pay for itself). */
export const SPLIT_BYTES = 8 << 20;
/**
 * A split segment is cut into pieces of about this size (at least 2, at most MAX_PIECES): the
 * threads end at most a piece apart, and the second one's few ms of resynchronising per piece
 * stay small beside it.
 */
const PIECE_BYTES = 16 << 20;
const MAX_PIECES = 128;

type Reply = { id: number; parts?: PiecePart[]; lanes?: LaneOrder; error?: string };

/** Rows [from, to) of these shared chunks with a lane in [lanesFrom, lanesTo), to be sorted by lane (tx-lane-sort.ts). */
export interface LanesRequest {
  readonly chunks: readonly SharedArrayBuffer[];
  readonly from: number;
  readonly to: number;
  readonly lanesFrom: number;
  readonly lanesTo: number;
}

/**
 * The index's second thread, started on the first segment worth splitting and kept for the
 * rest of the chain; it keeps a process alive only while a part is pending.
 */
export class PartThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  /** Starts the thread now (its start-up then overlaps other work); idempotent. */
  warm(): void {
    this.worker ??= this.start();
  }

  /** Whether the thread is running (warm or a request started it). */
  get started(): boolean {
    return this.worker !== null;
  }

  async indexPieces(req: PiecesRequest): Promise<PiecePart[]> {
    return (await this.request(req)).parts!;
  }

  /** Sorts rows of shared chunks by transaction lane in the thread (stats: half of the rows, while the caller sorts the other). */
  async sortLanes(req: LanesRequest): Promise<LaneOrder> {
    return (await this.request({ lanes: req })).lanes!;
  }

  private request(req: PiecesRequest | { lanes: LanesRequest }): Promise<Reply> {
    const w = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.ref(); // a process awaiting the reply must not exit meanwhile
      w.postMessage({ id, ...req });
    });
  }

  private start(): Worker {
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    const w = startWorker(new URL(`./part-worker${ext}`, import.meta.url), null);
    w.on('message', (m: Reply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if (m.parts || m.lanes) p.resolve(m);
      else p.reject(new Error(m.error ?? 'the second indexing thread failed'));
    });
    w.on('error', (err) => this.failAll(err));
    w.on('exit', () => this.failAll(new Error('the second indexing thread stopped unexpectedly')));
    w.unref();
    return w;
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.worker = null;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }
}

export interface SplitOptions extends Omit<ScanOptions, 'startAt' | 'stop' | 'holdIncompleteTail' | 'format'> {
  readonly file: string;
  readonly thread: PartThread;
  /** How many pieces (default: about PIECE_BYTES each). */
  readonly pieces?: number;
  /** The most pieces this thread takes (tests: 1, the second thread reads the rest). */
  readonly firstThreadPieces?: number;
}

/** Pieces a segment of `size` bytes is cut into. */
export function piecesFor(size: number): number {
  return Math.max(2, Math.min(MAX_PIECES, Math.round(size / PIECE_BYTES)));
}

/**
 * Indexes a whole binary segment file on two threads, cut into pieces (index-part.ts's
 * PiecesRequest): this thread reads pieces from the start, one serial scan whose rows reach
 * the service as they are read; the helper reads pieces from the end, each on its own. When
 * they meet, the helper's pieces are appended in order. Where a scan's last entry ran past the
 * next piece's first (a valid-looking entry inside another's data), this thread reads on
 * serially until it lands on a record start of a later piece, so the rows always equal one
 * serial scan. Returns where the scan stopped.
 */
export async function scanSplit(writer: IndexWriter, source: ByteSource, o: SplitOptions): Promise<number> {
  const size = source.size();
  const pieces = Math.max(2, Math.min(0x7fff, o.pieces ?? piecesFor(size)));
  const pieceBytes = Math.ceil(size / pieces);
  const claim = new Int32Array(new SharedArrayBuffer(4));
  claim[0] = (1 << 16) | pieces; // piece 0 is this thread's
  let cancelled = false;
  const tick = (pos: number) => o.tick(pos) || ((cancelled = true), false);
  // Damage rows that end where the next scan or part starts: a range cut by a seam joins across it.
  let carry: readonly HeldDamage[] = [];
  const scan = (startAt: number, stop: number, more?: () => number) => scanSegment(writer, new ByteWindow(source), {
    ...o, format: 'binary', startAt, stop, holdIncompleteTail: false, tick, ...(more ? { more } : {}),
    carry, trailing: (held) => (carry = held),
  });
  const later = o.thread.indexPieces({
    file: o.file, segment: o.segment, pieces, pieceBytes, claim: claim.buffer as SharedArrayBuffer, idsUtf8: o.idsUtf8 ?? false,
    ...(o.engine ? { engine: o.engine } : {}), counts: writer.counting,
  });
  later.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  // One serial scan over the pieces this thread takes, each taken when the scan reaches it.
  let taken = 1;
  const more = () => {
    writer.countTo(); // the piece just read, while its rows are fresh
    const k = taken < (o.firstThreadPieces ?? Infinity) ? claimFront(claim) : -1;
    if (k < 0) return -1;
    taken++;
    return k + 1 === pieces ? Infinity : (k + 1) * pieceBytes;
  };
  const end = scan(0, pieceBytes, more);
  if (cancelled) {
    Atomics.store(claim, 0, 0); // the helper takes nothing more
    return end;
  }
  const left = Atomics.load(claim, 0);
  if ((left >>> 16) >= (left & 0xffff) && (left & 0xffff) === pieces) return end; // the helper took no piece: nothing to wait for
  const parts = (await later).sort((a, b) => a.piece - b.piece);
  return appendPieces(writer, parts, end, size, o.file, scan, (held) => (carry = held));
}

/** Appends the helper's pieces after this thread's rows, which end at `end`; returns where the scan stopped. */
function appendPieces(
  writer: IndexWriter, parts: readonly PiecePart[], end: number, size: number, file: string, scan: (startAt: number, stop: number) => number,
  setCarry: (held: readonly HeldDamage[]) => void,
): number {
  let at = end;
  // A part starts with an entry (its first record is one, or where the serial scan below joins
  // it), so damage before it is closed; the part's own last damage rows carry to what follows.
  const append = (part: PiecePart, from: number) => {
    const shift = writer.rows - from;
    writer.appendPart(part, from);
    setCarry(part.trailing.filter((d) => d.row >= from).map((d) => ({ ...d, row: d.row + shift })));
  };
  for (let p = 0; p < parts.length && at < size; p++) {
    const part = parts[p]!;
    if (at === part.start) {
      if (part.rows > 0) append(part, 0);
      at = part.end;
      continue;
    }
    // The scans disagree here: read on serially to an entry start of this or a later piece (an
    // entry, so that damage before it, however it was cut, is joined in one scan).
    const offsets = parts.slice(p).map(partOffsets);
    const starts = new Set<number>();
    for (const part of parts.slice(p)) for (const x of partEntryOffsets(part)) starts.add(x);
    const resume = alignedStart(file, at, starts);
    at = scan(at, resume);
    let q = p;
    let row = -1;
    for (; q < parts.length && row < 0; q++) row = offsets[q - p]!.indexOf(resume);
    if (row < 0) return at; // read serially to the end
    p = q - 1;
    append(parts[p]!, row);
    at = parts[p]!.end;
  }
  return at;
}
