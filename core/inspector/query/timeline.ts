import type { RowFilter, Timeline } from '../../contract/contract-types.js';
import { ENTRY_TYPE_NAMES } from '../../contract/contract.js';
import { TYPE_DAMAGE } from '../index/index-layout.js';
import type { Session } from '../session.js';
import { compileFilter, isTransaction } from './row-filter.js';
import { matchTransaction } from './tx-ids.js';
import { timeSpan } from './time-span.js';
import { whereMatches } from './where/where-matches.js';

/** timeline.get: entry counts per time bucket and type, damage marks, over any range. */
export async function timeline(
  session: Session, bucketCount: number, timeFrom?: number, timeTo?: number, filter?: Omit<RowFilter, 'time_from' | 'time_to' | 'text'>,
): Promise<Timeline> {
  const tx = filter?.transaction_id !== undefined ? await matchTransaction(session, filter.transaction_id) : null;
  const where = filter?.where !== undefined ? (await whereMatches(session, filter.where)).bitmap : null;
  const store = session.store;
  const span = timeSpan(store, session.cache);
  const from = timeFrom ?? span.first;
  const to = timeTo ?? (span.last === null ? null : span.last + 1);
  const counts = ENTRY_TYPE_NAMES.map(() => new Array<number>(bucketCount).fill(0));
  const damage = new Array<number>(bucketCount).fill(0);
  const empty = Object.fromEntries(ENTRY_TYPE_NAMES.map((t, i) => [t, counts[i]!])) as unknown as Timeline['counts'];
  if (from === null || to === null || to <= from) {
    return { time_from: from, time_to: to, bucket_ms: 0, bucket_count: bucketCount, counts: empty, damage, max_total: 0 };
  }
  const bucketMs = Math.max(1, Math.ceil((to - from) / bucketCount));
  const { time_from: _f, time_to: _t, ...rest } = (filter ?? {}) as RowFilter;
  const f = compileFilter(store, rest, null, tx, where);
  store.forEachChunk((c, base, n) => {
    for (let i = 0; i < n; i++) {
      const type = c.type[i]!;
      if (((f.typeMask >>> type) & 1) === 0) continue;
      const t = c.time[i]!;
      if (!(t >= from && t < to)) continue;
      if (f.collections && !f.collections.has(c.collection[i]!)) continue;
      if (f.documents && !f.documents.has(c.document[i]!)) continue;
      if (f.transactions && !isTransaction(f.transactions, c.txLo[i]!, c.txHi[i]!, base + i)) continue;
      if (where && where[base + i] !== 1) continue;
      const b = Math.min(bucketCount - 1, Math.floor((t - from) / bucketMs));
      if (type === TYPE_DAMAGE) damage[b]!++;
      else counts[type]![b]!++;
    }
  });
  let max = 0;
  for (let b = 0; b < bucketCount; b++) {
    let sum = 0;
    for (const series of counts) sum += series[b]!;
    if (sum > max) max = sum;
  }
  return { time_from: from, time_to: to, bucket_ms: bucketMs, bucket_count: bucketCount, counts: empty, damage, max_total: max };
}
