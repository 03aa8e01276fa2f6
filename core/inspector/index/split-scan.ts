import type { Worker } from 'node:worker_threads';
import { ByteWindow, type ByteSource } from '../../wal/byte-source.js';
import { startWorker } from '../../wal/start-worker.js';
import { alignedStart, nextEntryStart, partOffsets, type IndexPart, type PartRequest } from './index-part.js';
import { scanSegment, type ScanOptions } from './index-scan.js';
import type { IndexWriter } from './index-writer.js';

/** Segments smaller than this are read by one thread (a second one would not pay for itself). */
export const SPLIT_BYTES = 8 << 20;

type Reply = { id: number; part?: IndexPart; error?: string };

/**
 * The index's second thread, started on the first segment worth splitting and kept for the
 * rest of the chain; it keeps a process alive only while a part is pending.
 */
export class PartThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (p: IndexPart) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  index(req: PartRequest): Promise<IndexPart> {
    const w = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.ref(); // a process awaiting the part must not exit meanwhile
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
      if (m.part) p.resolve(m.part);
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
}

/**
 * Indexes a whole binary segment file on two threads: the helper indexes the records from
 * an entry boundary near the middle on, this thread those before it (rows reach the service
 * as they are read), then the helper's rows are appended. If this thread's last entry ran
 * past the cut (a valid-looking entry inside another's data), it reads on serially until it
 * lands on a record start of the helper's part, so the rows always equal one serial scan.
 * Returns where the scan stopped.
 */
export async function scanSplit(writer: IndexWriter, source: ByteSource, o: SplitOptions): Promise<number> {
  const size = source.size();
  const cut = nextEntryStart(o.file, Math.floor(size / 2));
  const scan = (startAt: number, stop: number) => scanSegment(writer, new ByteWindow(source), {
    ...o, format: 'binary', startAt, stop, holdIncompleteTail: false,
  });
  if (cut <= 0) return scan(0, Infinity);
  const later = o.thread.index({
    file: o.file, segment: o.segment, from: cut, stop: Infinity, idsUtf8: o.idsUtf8 ?? false, ...(o.engine ? { engine: o.engine } : {}),
  });
  later.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const end = scan(0, cut);
  const part = await later;
  let from = 0;
  let last = part.end;
  if (end !== part.start) {
    const offsets = partOffsets(part);
    const resume = alignedStart(o.file, end, new Set(offsets));
    last = scan(end, resume);
    while (from < part.rows && offsets[from]! < resume) from++;
    if (from < part.rows) last = part.end;
  }
  writer.appendPart(part, from);
  return last;
}
