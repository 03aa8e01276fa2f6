import type { Stats } from '../../contract/contract-types.js';
import { readExactTimestamp } from '../entry/exact-timestamp.js';
import type { Session } from '../session.js';
import { statsView } from '../views/stats-view.js';
import { rowStats, type RowStats } from './log-stats.js';
import { transactionRowGroups } from './transactions.js';

/**
 * stats.get: the session's rows counted by the same function as `stats` (query/log-stats.ts),
 * with transactions.list's groups, shown by the one stats view.
 */
export async function stats(session: Session): Promise<Stats> {
  const counted = await countedRows(session);
  const ix = session.indexer;
  return statsView(counted, session.segments, { complete: ix.complete, indexMs: (ix.complete ? ix.finishedAt : Date.now()) - ix.started });
}

async function countedRows(session: Session): Promise<RowStats> {
  const store = session.store;
  for (;;) {
    const groups = await transactionRowGroups(session);
    // The groups are of the current version (nothing awaited since): count exactly their rows.
    const version = store.version;
    const cached = session.cache.peek<RowStats>(version, 'stats');
    if (cached) return cached;
    const counted = await rowStats(store, session.segments.map((s) => s.name), {
      groups: () => Promise.resolve(groups),
      timestamp: async (row) => (await readExactTimestamp(session, row)) ?? BigInt(store.time(row)),
    }, groups.groupOf.length);
    if (store.version !== version) continue;
    session.cache.set(version, 'stats', counted);
    return counted;
  }
}
