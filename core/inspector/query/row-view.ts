import type { Row } from '../../contract/contract-types.js';
import { FLAG_HAS_DATA, FLAG_TS_INEXACT } from '../index/index-layout.js';
import type { Session } from '../session.js';
import { damageImpactOf } from './damage-impact.js';
import { NO_TX, txTexts, type TxText } from './tx-ids.js';

/** The contract's Rows for these rows (transaction ids read from the segments). */
export async function rowViews(session: Session, rows: readonly number[]): Promise<Row[]> {
  const texts = await txTexts(session, rows);
  return rows.map((row) => rowView(session, row, texts.get(row) ?? NO_TX));
}

/**
 * The contract's Row for one indexed row, given its transaction id (read by txTexts; damage
 * rows have none). Timestamps past 2^53 are marked `inexact` here and fixed up by the caller
 * from the entry's bytes (see exactRows).
 */
export function rowView(session: Session, row: number, tx: TxText = NO_TX): Row {
  const s = session.store;
  const segIndex = s.segment(row);
  const time = s.time(row);
  const base = {
    row, segment_index: segIndex, segment: session.segments[segIndex]?.name ?? '', offset: s.offset(row), length: s.length(row),
    time: Number.isNaN(time) ? null : time,
  };
  if (s.isDamage(row)) {
    const d = s.damageInfo(row);
    return {
      ...base, kind: 'damage', entry_type: null, transaction_id: '', collection: '', document_id: '', timestamp: '',
      has_data: false, id_utf8_valid: true, damage: d?.damage ?? 'undecodable', detail: d?.detail ?? '', impact: damageImpactOf(session, row),
    };
  }
  const ids = s.ids;
  const col = s.collection(row);
  const doc = s.document(row);
  const flags = s.flags(row);
  return {
    ...base, kind: 'entry', entry_type: s.entryType(row), transaction_id: tx.text, collection: ids.text(col),
    document_id: ids.text(doc), timestamp: flags & FLAG_TS_INEXACT ? '' : String(time),
    has_data: (flags & FLAG_HAS_DATA) !== 0, id_utf8_valid: ids.isValidUtf8(col) && ids.isValidUtf8(doc) && tx.utf8Valid,
    damage: null, detail: null,
  };
}

export function isInexact(session: Session, row: number): boolean {
  return (session.store.flags(row) & FLAG_TS_INEXACT) !== 0;
}
