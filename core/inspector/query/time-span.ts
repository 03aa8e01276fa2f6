import type { RowStore } from '../index/row-store.js';
import { TYPE_DAMAGE } from '../index/index-layout.js';
import type { QueryCache } from './query-cache.js';

export interface TimeSpan {
  readonly first: number | null;
  readonly last: number | null;
}

/** Earliest and latest entry time (entries only; null when there is none). */
export function timeSpan(store: RowStore, cache: QueryCache): TimeSpan {
  return cache.get(store.version, 'time-span', () => {
    let min = Infinity;
    let max = -Infinity;
    store.forEachChunk((c, _base, n) => {
      for (let i = 0; i < n; i++) {
        if (c.type[i] === TYPE_DAMAGE) continue;
        const t = c.time[i]!;
        if (t < min) min = t;
        if (t > max) max = t;
      }
    });
    return min === Infinity ? { first: null, last: null } : { first: min, last: max };
  });
}
