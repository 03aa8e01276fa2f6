import { fail } from './inspector-error.js';

/** Longest stretch of the service's thread a sliced loop takes before other calls get a turn. */
export const SLICE_MS = 8;

/**
 * The items of `source`, letting the event loop run (setImmediate: timers and I/O too) once
 * SLICE_MS passed since it last did — whatever the consumer did between items counts — and
 * stopping with ABORTED as soon as `signal` fires. For work that must stay on the service's
 * thread (a recovery plan is kept for its apply), so that other calls and job.cancel are served.
 */
export async function* timeSliced<T>(source: AsyncIterable<T> | Iterable<T>, signal: AbortSignal, what: string): AsyncGenerator<T> {
  let since = performance.now();
  let n = 0;
  for await (const item of source) {
    yield item;
    // performance.now() costs ~50 ns; read it every 64 items.
    if ((++n & 63) === 0 && performance.now() - since >= SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      if (signal.aborted) fail('ABORTED', `${what} was cancelled`);
      since = performance.now();
    }
  }
}
