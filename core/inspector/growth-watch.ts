import * as fs from 'node:fs/promises';
import type { InspectorEvent } from '../contract/contract.js';
import type { Session } from './session.js';

/** How often the active segments' sizes are looked at: one stat each, cheap at any log size. */
export const GROWTH_POLL_MS = 1000;

/**
 * The segments a writer may append to: the last of the chain, or of each collection's chain in
 * a store session, when uncompressed (a sealed, compressed segment never grows).
 */
function activeSegments(session: Session): number[] {
  const lasts = session.located.store
    ? session.located.store.parts.filter((p) => p.segmentCount > 0).map((p) => p.firstSegment + p.segmentCount - 1)
    : [session.segments.length - 1];
  return lasts.filter((i) => session.segments[i]?.compression === 'none');
}

/** The end of the last row indexed in segment `index` (rows are in file order: segments ascend). */
function indexedEnd(session: Session, index: number): number {
  const store = session.store;
  let lo = 0;
  let hi = store.rows; // first row whose segment is past `index`
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (store.segment(mid) <= index) lo = mid + 1;
    else hi = mid;
  }
  const r = lo - 1;
  if (r < 0 || store.segment(r) !== index) return 0;
  // A JSON Lines row's length leaves out its newline, which was read with it (whatever follows
  // it begins after that newline).
  return store.offset(r) + store.length(r) + (session.segments[index]!.format === 'jsonl' ? 1 : 0);
}

/**
 * Bytes of the active segments past the last row indexed in each: what writers appended that the
 * table does not show yet (Follow reads them; a store session is opened again). 0 while the first
 * indexing runs and when every chain ends with a sealed segment.
 */
export function unreadBytes(session: Session): number {
  if (!session.indexer.progress().complete) return 0;
  let unread = 0;
  for (const i of activeSegments(session)) unread += Math.max(0, session.segments[i]!.fileBytes - indexedEnd(session, i));
  return unread;
}

/**
 * Follows the size of the open log's active segments whether or not Follow is on, so the header
 * can say the log grew (another process appends): each segment's file size is updated and a
 * log.grown event says how big the log is and how much of it is not read yet. A rotation or
 * truncation under a session that does not follow is said once per segment as a warning.
 */
export function watchGrowth(session: Session, emit: (event: InspectorEvent) => void, pollMs = GROWTH_POLL_MS): () => void {
  const inodes = new Map<string, number>();
  const warned = new Set<string>();
  let busy = false;
  const grown = () => emit({ type: 'log.grown', session_id: session.id, file_bytes: totalFileBytes(session), unread_bytes: unreadBytes(session) });
  /** Looks at one active segment; true when its size changed. */
  const look = async (index: number): Promise<boolean> => {
    const active = session.segments[index]!;
    const st = await fs.stat(active.path).catch(() => null);
    if (!st || session.closed || session.segments[index] !== active) return false;
    // Follow handles rotation itself (a new active segment appears); without it, say so once.
    const seen = inodes.get(active.path);
    const replaced = seen !== undefined && st.ino !== seen;
    inodes.set(active.path, st.ino);
    if (replaced || st.size < active.fileBytes) {
      if (!session.following && !warned.has(active.path)) {
        warned.add(active.path);
        session.warnings.push(`${active.name} was ${replaced ? 'replaced (rotated)' : 'truncated'} since it was read: open the log again to see it as it is now`);
        grown();
      }
      if (replaced && !session.following) return false;
    }
    if (st.size === active.fileBytes) return false;
    active.fileBytes = st.size;
    // An uncompressed segment's decompressed size is its file size.
    if (active.bytes !== null) active.bytes = st.size;
    return true;
  };
  const step = async () => {
    if (busy || session.closed) return;
    busy = true;
    try {
      let changed = false;
      for (const i of activeSegments(session)) if (await look(i)) changed = true;
      if (changed && !session.closed) grown();
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
