import type { Worker } from 'node:worker_threads';
import type { SegmentIndex } from './segment-index.js';
import { startWorker } from './start-worker.js';

type Reply = { id: number; index?: SegmentIndex; error?: string };

/**
 * Worker threads that index parts of segments. Started once and kept (a thread costs tens
 * of milliseconds to start, hundreds from TypeScript sources); `unref`ed so they never keep
 * a process alive.
 */
export class IndexWorkerPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (i: SegmentIndex) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private turn = 0;

  constructor(size: number) {
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    for (let i = 0; i < size; i++) {
      const w = startWorker(new URL(`./segment-index-worker${ext}`, import.meta.url), null);
      w.on('message', (m: Reply) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (this.pending.size === 0) for (const x of this.workers) x.unref();
        if (m.index) p.resolve(m.index);
        else p.reject(new Error(m.error ?? 'index worker failed'));
      });
      w.on('error', (err) => {
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
      w.unref();
      this.workers.push(w);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  index(file: string, from: number, stop: number): Promise<SegmentIndex> {
    const id = this.nextId++;
    const w = this.workers[this.turn++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Keep the process alive only while work is pending.
      for (const x of this.workers) x.ref();
      w.postMessage({ id, file, from, stop });
    });
  }

  /** Resolves once every worker answered (its module loaded). */
  async warm(): Promise<void> {
    await Promise.all(this.workers.map(() => this.index('/dev/null', 0, 0).catch(() => undefined)));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
