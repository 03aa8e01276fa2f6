import type { DamageItem } from '../../contract/contract-types.js';
import type { Session } from '../session.js';
import { rowView } from './row-view.js';

/** damage.list: the damaged ranges in file order, paged. */
export function damageList(session: Session, offset: number, limit: number): { items: DamageItem[]; total: number; complete: boolean } {
  const store = session.store;
  const rows = store.damageRows;
  let total = rows.length;
  while (total > 0 && rows[total - 1]! >= store.rows) total--;
  const items: DamageItem[] = [];
  for (let i = offset; i < Math.min(total, offset + limit); i++) {
    const v = rowView(session, rows[i]!);
    items.push({
      row: v.row, segment_index: v.segment_index, segment: v.segment, offset: v.offset, length: v.length,
      damage: v.damage ?? 'undecodable', detail: v.detail ?? '', time: v.time, ...(v.impact ? { impact: v.impact } : {}),
    });
  }
  return { items, total, complete: session.indexer.complete };
}
