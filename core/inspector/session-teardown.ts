import { collectGarbage } from './collect-garbage.js';
import type { RowStore } from './index/row-store.js';
import { closeTextSearchThread, releaseTextSearchStore } from './query/text-search-thread.js';

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
