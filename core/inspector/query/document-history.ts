import type { DocumentHistoryView } from '../../contract/contract-history.js';
import { documentHistory } from '../../history/document-history.js';
import type { WalRecord } from '../../wal/records.js';
import { RowRecordReader } from '../entry/row-record.js';
import type { Session } from '../session.js';
import { historyView } from '../views/history-view.js';
import { compileFilter, matchRows } from './row-filter.js';
import { transactionRowGroups } from './transactions.js';

const BEGIN = 0, COMMIT = 4, ROLLBACK = 5;

/** Rows of Begin/Commit/Rollback entries in the transactions of `rows` (none to look for in a log without a Begin). */
async function controlRows(session: Session, rows: Int32Array): Promise<number[]> {
  const store = session.store;
  let begins = false;
  store.forEachChunk((c, _base, count) => {
    if (begins) return;
    for (let i = 0; i < count; i++) if (c.type[i] === BEGIN) {
      begins = true;
      return;
    }
  });
  if (!begins) return [];
  const { groupOf } = await transactionRowGroups(session);
  const wanted = new Set<number>();
  for (const r of rows) wanted.add(groupOf[r]!);
  const out: number[] = [];
  store.forEachChunk((c, base, count) => {
    for (let i = 0; i < count; i++) {
      const t = c.type[i]!;
      if ((t === BEGIN || t === COMMIT || t === ROLLBACK) && wanted.has(groupOf[base + i]!)) out.push(base + i);
    }
  });
  return out;
}

/**
 * history.get: a document's history from the session's index — only its rows (the index keeps
 * each row's document id) and the Begin/Commit/Rollback rows of their transactions are read
 * back from disk, in file order; the states and fates are the core's (documentHistory).
 */
export async function sessionDocumentHistory(session: Session, documentId: string): Promise<DocumentHistoryView> {
  const store = session.store;
  const rows = matchRows(store, compileFilter(store, { document_id: documentId, damage: 'exclude' }, null, null));
  const all = [...rows, ...(await controlRows(session, rows))].sort((a, b) => a - b);
  const reader = new RowRecordReader(session);
  async function* records(): AsyncGenerator<WalRecord> {
    for (const r of all) yield await reader.read(r);
  }
  const h = await documentHistory(records(), session.segments.map((s) => s.name), documentId);
  return historyView(h);
}
