import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { RowStore } from './index/row-store.js';
import { closeTextSearchThread, releaseTextSearchStore } from './query/text-search-thread.js';

let gc: (() => void) | null | undefined;

/**
 * A full collection now. A closed session's rows, tables and orders are shared or array
 * buffers of hundreds of MiB behind a few small JS objects: V8 sees little heap to reclaim and
 * may not collect for a long time, so the process keeps them. `--expose-gc` is set at run time
 * (a new context then has `gc`) because a desktop or `serve` process is not started with it.
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

let open = 0;

/** Counts a session opened (its close calls releaseClosedSession). */
export function sessionOpened(): void {
  open++;
}

/**
 * After a session closed: give its memory back. The text search's kept thread holds the row
 * chunks of the last log it searched: it drops this session's (other sessions may stay open),
 * and with no session left it is stopped (the next search starts it again). Background work of the session stops at its next pause, so later
 * collections follow (each takes milliseconds: what is left of the heap is small).
 */
export async function releaseClosedSession(store: RowStore): Promise<void> {
  open = Math.max(0, open - 1);
  await releaseTextSearchStore(store).catch(() => undefined);
  if (open === 0) await closeTextSearchThread().catch(() => undefined);
  collectGarbage();
  // Work of the session still running at close holds its buffers until its next pause.
  for (const ms of [500, 2000, 5000]) setTimeout(collectGarbage, ms).unref();
}
