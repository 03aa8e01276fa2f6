import type { StoreSessionInfo } from '../../contract/contract-store-session.js';
import { TYPE_DAMAGE } from '../index/index-layout.js';
import type { Session } from '../session.js';

interface Counts { entries: number; damaged: number; last: number }

/**
 * A store session's collection list: each collection's rows counted by its run of segments,
 * in one pass over the typed columns (cached per row-store version: a 10 M-row store is
 * counted once, not per info call).
 */
export function storeSessionInfo(session: Session): StoreSessionInfo | null {
  const store = session.located.store;
  if (!store) return null;
  const rows = session.store;
  const counts = session.cache.get(rows.version, 'store-collections', () => {
    const perSegment: Counts[] = session.segments.map(() => ({ entries: 0, damaged: 0, last: -Infinity }));
    rows.forEachChunk((c, _base, n) => {
      for (let i = 0; i < n; i++) {
        const k = perSegment[c.segment[i]!];
        if (!k) continue;
        if (c.type[i] === TYPE_DAMAGE) {
          k.damaged++;
          continue;
        }
        k.entries++;
        const t = c.time[i]!;
        if (t > k.last) k.last = t;
      }
    });
    return perSegment;
  });
  return {
    root: store.root,
    skipped: store.skipped,
    collections: store.parts.map((p) => {
      let entries = 0, damaged = 0, last = -Infinity, fileBytes = 0;
      for (let s = p.firstSegment; s < p.firstSegment + p.segmentCount; s++) {
        const k = counts[s];
        if (k) {
          entries += k.entries;
          damaged += k.damaged;
          last = Math.max(last, k.last);
        }
        fileBytes += session.segments[s]?.fileBytes ?? 0;
      }
      return {
        collection: p.collection.name, dir: p.collection.dir, system: p.collection.system, first_segment: p.firstSegment, segments: p.segmentCount,
        file_bytes: fileBytes, entries, damaged, last_write: last === -Infinity ? null : last, wal_config: p.walConfig,
      };
    }),
  };
}
