import * as fs from 'node:fs/promises';
import type { InspectorEvent } from '../contract/contract.js';
import type { Session } from './session.js';

/** How often the active segment's size is looked at: one stat, cheap at any log size. */
export const GROWTH_POLL_MS = 1000;

/**
 * Bytes of the active segment past the last row indexed: what a writer appended that the table
 * does not show yet (Follow reads them). 0 while the first indexing runs, for a store session (no
 * single active segment) and when the chain ends with a sealed segment.
 */
export function unreadBytes(session: Session): number {
  const store = session.store;
  const last = session.segments.length - 1;
  const active = session.segments[last];
  if (!active || active.compression !== 'none' || session.located.store || !session.indexer.progress().complete) return 0;
  let end = 0;
  const r = store.rows - 1;
  if (r >= 0 && store.segment(r) === last) end = store.offset(r) + store.length(r);
  return Math.max(0, active.fileBytes - end);
}

/**
 * Follows the size of the open log's active segment whether or not Follow is on, so the header
 * can say the log grew (another process appends): the segment's file size is updated and a
 * log.grown event says how big the log is and how much of it is not read yet. A rotation or
 * truncation under a session that does not follow is said once as a warning.
 */
export function watchGrowth(session: Session, emit: (event: InspectorEvent) => void, pollMs = GROWTH_POLL_MS): () => void {
  let inode: number | null = null;
  let warned = false;
  let busy = false;
  const step = async () => {
    if (busy || session.closed || session.located.store) return;
    const active = session.segments.at(-1);
    if (!active || active.compression !== 'none') return;
    busy = true;
    try {
      const st = await fs.stat(active.path).catch(() => null);
      if (!st || session.closed || session.segments.at(-1) !== active) return;
      // Follow handles rotation itself (a new active segment appears); without it, say so once.
      const replaced = inode !== null && st.ino !== inode;
      inode = st.ino;
      if (replaced || st.size < active.fileBytes) {
        if (!session.following && !warned) {
          warned = true;
          session.warnings.push(`${active.name} was ${replaced ? 'replaced (rotated)' : 'truncated'} since it was read: open the log again to see it as it is now`);
          emit({ type: 'log.grown', session_id: session.id, file_bytes: totalFileBytes(session), unread_bytes: unreadBytes(session) });
        }
        if (replaced && !session.following) return;
      }
      if (st.size === active.fileBytes) return;
      active.fileBytes = st.size;
      // An uncompressed segment's decompressed size is its file size.
      if (active.bytes !== null) active.bytes = st.size;
      emit({ type: 'log.grown', session_id: session.id, file_bytes: totalFileBytes(session), unread_bytes: unreadBytes(session) });
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void step(), pollMs);
  timer.unref?.();
  return () => clearInterval(timer);
}

function totalFileBytes(session: Session): number {
  return session.segments.reduce((n, s) => n + s.fileBytes, 0);
}
