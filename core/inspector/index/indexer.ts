import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../wal/start-worker.js';
import type { InspectorError } from '../../contract/contract-errors.js';
import type { IndexProgress, WalFormatName } from '../../contract/contract-types.js';
import type { ActiveState, ServiceMessage, WorkerInit, WorkerMessage, WorkerSegment } from './index-messages.js';
import { RowStore } from './row-store.js';

export interface IndexerListener {
  progress(p: IndexProgress): void;
  done(p: IndexProgress, ms: number): void;
  /** Follow: rows changed after the initial indexing ([from, from + count) are new). */
  followRows(from: number, count: number, total: number): void;
  segment(index: number, bytes: number, format: WalFormatName, compressionError: string | null): void;
  rotated(index: number, name: string | null, path: string | null, next: WorkerSegment): void;
}

const PROGRESS_EVERY_MS = 100;

/**
 * Runs the indexing worker for one session and keeps the RowStore it fills. Progress is
 * reported at most every 100 ms; rows are queryable from the first committed batch on.
 */
export class Indexer {
  readonly store = new RowStore();
  bytesDone = 0;
  bytesTotal: number;
  complete = false;
  error: InspectorError | null = null;
  readonly started = Date.now();
  finishedAt = 0;
  /** Null once the initial indexing is done and nobody follows (its memory goes back). */
  private worker: Worker | null = null;
  private lastEmit = 0;
  private active: ActiveState | null = null;
  private lastTime = Number.NaN;
  private following = false;
  private pollMs = 250;
  private readonly doneWaiters: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly init: WorkerInit, bytesTotal: number, private readonly listener: IndexerListener,
    /** The segments as they are now (follow may have added some), for a follow-only worker. */
    private readonly currentSegments: () => WorkerSegment[] = () => [...init.segments],
  ) {
    this.bytesTotal = bytesTotal;
    this.worker = this.spawn(init);
  }

  private spawn(init: WorkerInit): Worker {
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    const worker = startWorker(new URL(`./index-worker${ext}`, import.meta.url), init);
    worker.on('message', (m: WorkerMessage) => {
      try {
        this.onMessage(m);
      } catch (err) {
        this.error = { code: 'INTERNAL', message: `indexing failed: ${err instanceof Error ? err.message : String(err)}`, context: {} };
        this.finish();
        void this.close();
      }
    });
    worker.on('error', (err) => {
      // The message only: the stack names our install paths and code, and the error reaches clients.
      this.error = { code: 'INTERNAL', message: `indexing failed: ${err.message}`, context: { cause: err.message } };
      this.finish();
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      if (!this.complete && !this.closed) {
        this.error ??= { code: 'INTERNAL', message: 'the indexing thread stopped unexpectedly', context: {} };
        this.finish();
      }
    });
    return worker;
  }

  progress(): IndexProgress {
    const rows = this.store.rows;
    const damaged = this.damagedRows();
    return {
      bytes_done: this.bytesDone, bytes_total: Math.max(this.bytesTotal, this.bytesDone), rows,
      entries: rows - damaged, damaged, complete: this.complete, error: this.error,
    };
  }

  damagedRows(): number {
    const d = this.store.damageRows;
    let n = d.length;
    while (n > 0 && d[n - 1]! >= this.store.rows) n--;
    return n;
  }

  private onMessage(m: WorkerMessage): void {
    const s = this.store;
    switch (m.t) {
      case 'chunk': s.addChunk(m.sab); break;
      case 'ids': s.ids.append(m.bytes, m.lengths); break;
      case 'damage': s.addDamage(m.items); break;
      case 'segment': this.listener.segment(m.index, m.bytes, m.format, m.compressionError); break;
      case 'rotated': this.listener.rotated(m.index, m.name, m.path, m.next); break;
      case 'error': this.error = m.error; break;
      case 'retract': {
        s.retract(m.rows);
        if (this.complete) this.listener.followRows(m.rows, 0, s.rows);
        break;
      }
      case 'rows': {
        const before = s.rows;
        s.commit(m.rows);
        this.bytesDone = m.bytesDone;
        if (this.complete) {
          if (m.rows > before) this.listener.followRows(before, m.rows - before, m.rows);
        } else {
          const now = Date.now();
          if (now - this.lastEmit >= PROGRESS_EVERY_MS) {
            this.lastEmit = now;
            this.listener.progress(this.progress());
          }
        }
        break;
      }
      case 'done': {
        s.commit(m.rows);
        this.bytesDone = m.bytesDone;
        this.bytesTotal = Math.max(this.bytesTotal, m.bytesDone);
        this.active = m.active;
        this.lastTime = m.lastTime;
        this.finish();
        // Nobody follows: let the worker (and its id hash table) go; follow starts a new one.
        if (!this.following && this.worker) {
          const w = this.worker;
          this.worker = null;
          void w.terminate();
        }
        break;
      }
    }
  }

  private finish(): void {
    if (this.complete) return;
    this.complete = true;
    this.finishedAt = Date.now();
    this.listener.done(this.progress(), this.finishedAt - this.started);
    for (const w of this.doneWaiters.splice(0)) w();
  }

  /** Resolves once the initial indexing finished (or failed). */
  whenDone(): Promise<void> {
    return this.complete ? Promise.resolve() : new Promise((resolve) => this.doneWaiters.push(resolve));
  }

  setFollow(enabled: boolean, pollMs: number): void {
    this.following = enabled;
    this.pollMs = pollMs;
    if (enabled && !this.worker && this.complete && this.active && !this.closed) {
      const ids = this.store.ids.exportAll();
      this.worker = this.spawn({
        ...this.init, segments: this.currentSegments(),
        seed: {
          chunks: this.store.chunkBuffers(), rows: this.store.rows, lastTime: this.lastTime, bytesDone: this.bytesDone,
          idBytes: ids.bytes, idLengths: ids.lengths, active: this.active,
        },
      });
    }
    this.send({ t: 'follow', enabled, pollMs: this.pollMs });
  }

  /** Whether follow can work: the chain ends with an uncompressed (active) segment. */
  canFollow(): boolean {
    return !this.complete || this.active !== null || this.worker !== null;
  }

  private send(m: ServiceMessage): void {
    if (!this.closed) this.worker?.postMessage(m);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker?.terminate();
    for (const w of this.doneWaiters.splice(0)) w();
  }
}
