import { throwIfAborted } from '../wal/compression/abort.js';
import type { StoredDocument } from '../store/document-ops.js';
import type { StoreResult } from '../store/store-error.js';
import type { VerifyStore } from './verify-types.js';

/** Reads documents once each, many at a time (a store of 100k documents is read in parallel). */
export class DiskView {
  private readonly cache = new Map<string, StoreResult<StoredDocument | undefined>>();

  constructor(readonly store: VerifyStore) {}

  /** Reads every id not read yet, `concurrency` at a time. */
  async load(ids: Iterable<string>, options: { concurrency?: number; signal?: AbortSignal; onRead?: (done: number) => void } = {}): Promise<void> {
    const todo = [...ids].filter((id) => !this.cache.has(id));
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      while (next < todo.length) {
        throwIfAborted(options.signal, 'reading documents');
        const id = todo[next++]!;
        this.cache.set(id, await this.store.getDocument(id));
        if (++done % 1024 === 0) options.onRead?.(done);
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 32, todo.length) }, worker));
  }

  /** A document read by `load` (loads it alone when it was not). */
  async get(id: string): Promise<StoreResult<StoredDocument | undefined>> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const r = await this.store.getDocument(id);
    this.cache.set(id, r);
    return r;
  }
}
