import * as v8 from 'node:v8';
import * as vm from 'node:vm';

let gc: (() => void) | null | undefined;

/**
 * A full collection now, in this thread's isolate. A closed session's rows, tables and orders
 * are shared or array buffers of hundreds of MiB behind a few small JS objects: V8 sees little
 * heap to reclaim and may not collect for a long time, so the process keeps them — and a
 * shared buffer lives until every thread that saw it has collected. `--expose-gc` is set at
 * run time (a new context then has `gc`) because a desktop or `serve` process is not started
 * with it.
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    gc = (globalThis as { gc?: () => void }).gc ?? null;
    if (!gc) {
      try {
        v8.setFlagsFromString('--expose-gc');
        gc = vm.runInNewContext('gc') as () => void;
      } catch {
        gc = null;
      }
    }
  }
  gc?.();
}
