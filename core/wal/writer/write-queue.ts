/**
 * Serialises everything that touches the active file: appends and tasks (checkpoint, close)
 * run one after another, so bytes of concurrent appends never interleave. Appends queued
 * back to back are handed over together (when coalescing), so a burst becomes one write.
 */
export interface AppendRequest {
  readonly encoded: readonly Uint8Array[];
  resolve(): void;
  reject(err: unknown): void;
}

type Item = { readonly kind: 'append'; readonly request: AppendRequest } | { readonly kind: 'task'; readonly run: () => Promise<void> };

export interface WriteQueueOptions {
  /** false: one append request per write (the 'fsync' policy: one fsync per append). */
  readonly coalesce: boolean;
  /** Writes the requests in order; settles each; a throw rejects those not yet settled. */
  readonly write: (requests: readonly AppendRequest[]) => Promise<void>;
}

export class WriteQueue {
  private readonly items: Item[] = [];
  private pumping = false;

  constructor(private readonly options: WriteQueueOptions) {}

  append(encoded: readonly Uint8Array[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.items.push({ kind: 'append', request: { encoded, resolve, reject } });
      this.kick();
    });
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.items.push({ kind: 'task', run: () => task().then(resolve, reject) });
      this.kick();
    });
  }

  private kick(): void {
    if (this.pumping) return;
    this.pumping = true;
    // Start after the current synchronous code, so that a burst of appends lands in one batch.
    queueMicrotask(() => void this.pump());
  }

  private async pump(): Promise<void> {
    while (this.items.length > 0) {
      const head = this.items.shift()!;
      if (head.kind === 'task') {
        await head.run();
        continue;
      }
      const batch = [head.request];
      while (this.options.coalesce && this.items[0]?.kind === 'append') batch.push((this.items.shift() as { request: AppendRequest }).request);
      try {
        await this.options.write(batch);
      } catch (err) {
        // Settled promises ignore this; the others learn why.
        for (const r of batch) r.reject(err);
      }
    }
    this.pumping = false;
  }
}
