import type { Transferable, Worker } from 'node:worker_threads';
import { startWorker } from '../../../wal/start-worker.js';

type Reply = { id: number; error?: string } & Record<string, unknown>;

/**
 * A second thread kept for the life of the process (started on first use, so a query pays its
 * start-up once, not per call), answering requests by id. It keeps the process alive only
 * while a request is pending. When it fails to start or dies, every pending request is
 * rejected and the next request starts a new one.
 */
export class KeptThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  constructor(private readonly moduleUrl: () => URL, private readonly what: string) {}

  request<T extends Reply>(message: Record<string, unknown>, transfer: readonly Transferable[] = []): Promise<T> {
    const w = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: Reply) => void, reject });
      w.ref(); // a process awaiting the answer must not exit meanwhile
      w.postMessage({ ...message, id }, transfer);
    });
  }

  /** Whether a thread is started (a request would not start one). */
  get running(): boolean {
    return this.worker !== null;
  }

  private start(): Worker {
    const w = startWorker(this.moduleUrl(), null);
    w.on('message', (m: Reply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if (m.error === undefined) p.resolve(m);
      else p.reject(new Error(m.error));
    });
    w.on('error', (err) => this.failAll(w, err));
    w.on('exit', () => this.failAll(w, new Error(`the ${this.what} thread stopped unexpectedly`)));
    w.unref();
    return w;
  }

  private failAll(w: Worker, err: Error): void {
    if (this.worker !== w) return;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.worker = null;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error(`the ${this.what} thread was closed`));
    this.pending.clear();
    await w?.terminate();
  }
}

/** The URL of a sibling module, .ts from sources (tests, tsx) and .js when compiled. */
export function siblingModule(base: string, name: string): URL {
  const ext = base.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${name}${ext}`, base);
}
