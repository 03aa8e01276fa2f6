import { stat } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import { jsonDataError } from '../verify/data-validity.js';
import type { EntryPosition } from '../verify/verify-types.js';
import type { LogLocation } from '../wal/log-location.js';
import { startWorker } from '../wal/start-worker.js';
import type { DataCheckMessage } from './data-check-messages.js';

/** A chain smaller than this is checked in place: a thread takes ~0.1–0.3 s to start. */
export const THREAD_BYTES = 32 << 20;

/** An Insert/Update's validity, told by the thread that read ahead, or found here. */
export interface DataChecks {
  /** Waits until the entries from `first` to `last` (a batch about to be replayed) are checked, or the thread stopped. */
  cover(first: EntryPosition, last: EntryPosition): Promise<void>;
  /** jsonDataError(data) of the entry at `at`: the thread's answer where it checked that entry, else checked now. */
  errorOf(at: EntryPosition & { readonly length: number }, data: string): string | undefined;
  /** Entries the thread answered and entries checked here (tests, benchmarks). */
  readonly answered: { byThread: number; here: number };
  close(): void;
}

interface Checked {
  readonly segment: number;
  readonly offsets: Float64Array;
  readonly lengths: Float64Array;
  readonly failures: ReadonlyMap<number, string> | undefined;
  next: number;
}

/**
 * The data checks of a force plan on the second core (data-check-worker.ts reads the chain a
 * second time, which costs the disk cache little, and checks every Insert/Update's data).
 * Answers are matched by position (segment, offset, length), so an entry the thread did not
 * read so — a repaired one, a chain that changed — is checked here, never answered wrongly.
 */
class DataCheckThread implements DataChecks {
  private readonly queue: Checked[] = [];
  private stopped = false;
  private wake: (() => void) | undefined;
  readonly answered = { byThread: 0, here: 0 };

  constructor(
    private readonly worker: Worker,
    private readonly order: ReadonlyMap<string, number>,
    /** `[0]`: the batches this thread is done with (the worker reads it, data-check-worker.ts). */
    private readonly done: Int32Array,
  ) {
    worker.on('message', (m: DataCheckMessage) => {
      if (m.t === 'checked') {
        const segment = order.get(m.segment);
        if (segment === undefined) this.credit(1);
        else this.queue.push({ segment, offsets: m.offsets, lengths: m.lengths, failures: m.failures.length > 0 ? new Map(m.failures) : undefined, next: 0 });
      } else this.stop();
      this.wake?.();
    });
    worker.on('error', () => this.stop());
    worker.on('exit', () => this.stop());
  }

  private stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  private credit(n: number): void {
    // No notify: the worker polls (data-check-worker.ts).
    Atomics.add(this.done, 0, n);
  }

  private drop(): void {
    this.queue.shift();
    this.credit(1);
  }

  /** Whether the last batch posted lies past `at` (segment index, offset). */
  private past(segment: number, offset: number): boolean {
    const last = this.queue[this.queue.length - 1];
    if (!last) return false;
    return last.segment > segment || (last.segment === segment && last.offsets[last.offsets.length - 1]! >= offset);
  }

  async cover(first: EntryPosition, last: EntryPosition): Promise<void> {
    const from = this.order.get(first.segment);
    const to = this.order.get(last.segment);
    if (from === undefined || to === undefined) return;
    // Batches wholly before the first entry are of entries this plan did not ask about (dropped, repaired).
    for (let q = this.queue[0]; q && (q.segment < from || (q.segment === from && q.offsets[q.offsets.length - 1]! < first.offset)); q = this.queue[0]) this.drop();
    while (!this.stopped && !this.past(to, last.offset)) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = undefined;
  }

  errorOf(at: EntryPosition & { readonly length: number }, data: string): string | undefined {
    const segment = this.order.get(at.segment);
    for (let q = this.queue[0]; q && segment !== undefined && q.segment <= segment; q = this.queue[0]) {
      if (q.segment === segment) {
        while (q.next < q.offsets.length && q.offsets[q.next]! < at.offset) q.next++;
        if (q.next < q.offsets.length) {
          if (q.offsets[q.next] !== at.offset || q.lengths[q.next] !== at.length) break;
          this.answered.byThread++;
          return q.failures?.get(q.next++);
        }
      }
      this.drop();
    }
    this.answered.here++;
    return jsonDataError(data);
  }

  close(): void {
    this.stopped = true;
    void this.worker.terminate();
  }
}

/** Checks made here only (a small chain, or no thread to be had). */
class InPlaceChecks implements DataChecks {
  readonly answered = { byThread: 0, here: 0 };
  async cover(): Promise<void> {}
  errorOf(_at: EntryPosition, data: string): string | undefined {
    this.answered.here++;
    return jsonDataError(data);
  }
  close(): void {}
}

/** Data checks for a force plan of `location`: on a second thread when the chain has at least `threadBytes`. */
export async function startDataChecks(location: LogLocation, threadBytes = THREAD_BYTES): Promise<DataChecks> {
  let bytes = 0;
  for (const s of location.segments) bytes += await stat(s.path).then((st) => st.size, () => 0);
  if (bytes < threadBytes || location.segments.length === 0) return new InPlaceChecks();
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const done = new Int32Array(new SharedArrayBuffer(4));
  const worker = startWorker(new URL(`./data-check-worker${ext}`, import.meta.url), { location, done });
  return new DataCheckThread(worker, new Map(location.segments.map((s, i) => [s.name, i])), done);
}
