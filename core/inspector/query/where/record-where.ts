import type { EntryRecord, WalRecord } from '../../../wal/records.js';
import { entryText } from '../../../wal/log-entry.js';
import { WHERE_TX_STATUSES } from '../../../contract/contract-query.js';
import { compileWhere, type WhereQuery } from './compile-where.js';
import { EntryActivation, mayMatchData, type RowFacts } from './entry-activation.js';

/** A streamed entry's transaction status, by its transaction id's bytes. */
export type RecordStatus = (record: EntryRecord) => string;

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/**
 * The statuses of a chain's transactions, from a first pass over its records (what
 * transactions.list decides: a Begin then the first Commit/Rollback; without a Begin one entry
 * is standalone, several unterminated). Keeps one small record per transaction id.
 */
export async function recordStatuses(records: AsyncIterable<WalRecord>): Promise<RecordStatus> {
  const txs = new Map<string, { begun: boolean; end: number; count: number }>();
  for await (const r of records) {
    if (r.kind !== 'entry') continue;
    const k = hex(r.entry.transactionId);
    let t = txs.get(k);
    if (!t) txs.set(k, (t = { begun: false, end: -1, count: 0 }));
    t.count++;
    const type = r.entry.entryType;
    if (type === 'Begin') t.begun = true;
    else if (t.begun && t.end < 0 && (type === 'Commit' || type === 'Rollback')) t.end = type === 'Commit' ? 0 : 1;
  }
  return (record) => {
    const t = txs.get(hex(record.entry.transactionId));
    if (!t) return '';
    return WHERE_TX_STATUSES[t.begun ? (t.end === 0 ? 0 : t.end === 1 ? 1 : 2) : t.count === 1 ? 3 : 2];
  };
}

/**
 * A where expression as a test of streamed entries (dump, convert): the same variables and
 * answers as rows.page gives for the row of that entry. `status` is needed when the
 * expression reads transaction_status.
 */
export function recordWhere(text: string, status?: RecordStatus): { test(record: EntryRecord): boolean; query: WhereQuery } {
  const query = compileWhere(text);
  const facts: RowFacts = {
    entryType: '', transactionId: '', collection: '', documentId: '', timestamp: 0n, size: 0, segment: '', offset: 0,
    damaged: false, data: null, transactionStatus: '',
  };
  const act = new EntryActivation(facts, query.dataKeys);
  const readsData = query.uses.has('data');
  return {
    query,
    test(record) {
      const t = entryText(record.entry);
      if (readsData && !mayMatchData(t.data, query.requiredText)) return false;
      facts.entryType = t.entryType;
      facts.transactionId = t.transactionId;
      facts.collection = t.collection;
      facts.documentId = t.documentId;
      facts.timestamp = t.timestamp;
      facts.size = record.length;
      facts.segment = record.segment;
      facts.offset = record.offset;
      facts.damaged = !t.idUtf8Valid;
      facts.data = t.data;
      facts.transactionStatus = status ? status(record) : '';
      return query.test(act.reset(facts));
    },
  };
}
