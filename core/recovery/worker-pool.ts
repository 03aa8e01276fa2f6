import { throwIfAborted } from '../wal/compression/abort.js';

/**
 * Runs `work` over `items`, `concurrency` at a time, in order of start. Stops starting new
 * items on the first error or abort, waits for those running, then throws.
 */
export async function forEachLimit<T>(
  items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>,
  options: { signal?: AbortSignal; what?: string; onDone?: (done: number) => void } = {},
): Promise<void> {
  let next = 0;
  let done = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failure) {
      if (options.signal?.aborted) {
        failure ??= { error: undefined };
        return;
      }
      const i = next++;
      try {
        await work(items[i]!, i);
      } catch (error) {
        failure ??= { error };
        return;
      }
      if (++done % 256 === 0) options.onDone?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (failure && failure.error !== undefined) throw failure.error;
  throwIfAborted(options.signal, options.what ?? 'work');
  options.onDone?.(done);
}
