import { throwIfAborted } from '../wal/compression/abort.js';
import type { StoredDocument } from '../store/document-ops.js';
import type { StoreResult } from '../store/store-error.js';
import type { VerifyStore } from './verify-types.js';

/**
 * Reads a store's documents many at a time (a store of 100k documents is read in parallel),
 * handing each to the caller as it arrives; keeps only those asked to be kept, so that
 * verifying a large store does not hold all of it in memory.
 */
export class DiskView {
  private readonly cache = new Map<string, StoreResult<StoredDocument | undefined>>();

  constructor(readonly store: VerifyStore) {}

  /** Reads every id not kept yet, `concurrency` at a time. */
  async load(
    ids: Iterable<string>,
    options: {
      concurrency?: number;
      signal?: AbortSignal;
      onRead?: (done: number) => void;
      /** Each document as it is read. */
      onDocument?: (id: string, read: StoreResult<StoredDocument | undefined>) => void;
      /** Which documents `get` will be asked for again (default: all). */
      keep?: (id: string) => boolean;
    } = {},
  ): Promise<void> {
    const todo = [...ids].filter((id) => !this.cache.has(id));
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      while (next < todo.length) {
        throwIfAborted(options.signal, 'reading documents');
        const id = todo[next++]!;
        const read = await this.store.getDocument(id);
        options.onDocument?.(id, read);
        if (options.keep?.(id) ?? true) this.cache.set(id, read);
        if (++done % 1024 === 0) options.onRead?.(done);
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 32, todo.length) }, worker));
  }

  /** A document kept by `load` (read alone when it was not). */
  async get(id: string): Promise<StoreResult<StoredDocument | undefined>> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const r = await this.store.getDocument(id);
    this.cache.set(id, r);
    return r;
  }
}
