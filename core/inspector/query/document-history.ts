import type { DocumentHistoryView } from '../../contract/contract-history.js';
import { documentHistory } from '../../history/document-history.js';
import type { WalRecord } from '../../wal/records.js';
import { RowRecordReader } from '../entry/row-record.js';
import type { Session } from '../session.js';
import { historyView } from '../views/history-view.js';
import { compileFilter, matchRows } from './row-filter.js';

const BEGIN = 0, COMMIT = 4, ROLLBACK = 5;

/**
 * Rows of Begin/Commit/Rollback entries whose transaction id hash is that of one of `rows`:
 * one pass over the index's columns, no transaction grouping. A row whose hash only collides
 * is read back too and then ignored (documentHistory keys transactions by their text).
 */
function controlRows(session: Session, rows: Int32Array): number[] {
  const store = session.store;
  const hashes = new Map<number, number[]>();
  store.forEachChunk((c, base, count) => {
    for (const r of rows) {
      if (r < base || r >= base + count) continue;
      const lo = c.txLo[r - base]!, hi = c.txHi[r - base]!;
      const his = hashes.get(lo);
      if (!his) hashes.set(lo, [hi]);
      else if (!his.includes(hi)) his.push(hi);
    }
  });
  const out: number[] = [];
  store.forEachChunk((c, base, count) => {
    for (let i = 0; i < count; i++) {
      const t = c.type[i]!;
      if (t !== BEGIN && t !== COMMIT && t !== ROLLBACK) continue;
      const his = hashes.get(c.txLo[i]!);
      if (his && his.includes(c.txHi[i]!)) out.push(base + i);
    }
  });
  return out;
}

/**
 * history.get: a document's history from the session's index — only its rows (the index keeps
 * each row's document id and transaction id hash) and the Begin/Commit/Rollback rows of their
 * transactions are read back from disk, in file order; states and fates are the core's
 * (documentHistory).
 */
export async function sessionDocumentHistory(session: Session, documentId: string): Promise<DocumentHistoryView> {
  const store = session.store;
  const rows = matchRows(store, compileFilter(store, { document_id: documentId, damage: 'exclude' }, null, null));
  const all = [...rows, ...controlRows(session, rows)].sort((a, b) => a - b);
  const reader = new RowRecordReader(session);
  async function* records(): AsyncGenerator<WalRecord> {
    for (const r of all) yield await reader.read(r);
  }
  const h = await documentHistory(records(), session.segments.map((s) => s.name), documentId);
  return historyView(h);
}
