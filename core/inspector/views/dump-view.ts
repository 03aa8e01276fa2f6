import type { DumpRecord } from '../../contract/contract-types.js';
import { quoteJsonText as quoteJsonString } from '../../json/json-string-text.js';
import { entryText } from '../../wal/log-entry.js';
import type { WalRecord } from '../../wal/records.js';

/** A record as the contract's DumpRecord (the dump table renders from it). */
export function dumpRecordView(record: WalRecord): DumpRecord {
  const { kind: _kind, segment, offset, length } = record;
  if (record.kind === 'damage') {
    return {
      kind: 'damage', segment, offset, length, damage: record.damage, detail: record.detail, ...(record.impact ? { impact: record.impact } : {}),
      ...(record.repairable ? { repairable: { ...record.repairable } } : {}),
    };
  }
  const t = entryText(record.entry);
  return {
    kind: 'entry', segment, offset, length, entry_type: t.entryType, transaction_id: t.transactionId, collection: t.collection,
    document_id: t.documentId, timestamp: t.timestamp.toString(), data: t.data, ...(t.idUtf8Valid ? {} : { id_utf8_valid: false as const }),
  };
}

/**
 * dumpRecordView's DumpRecord as one line of JSON (no newline), written directly: a dump of
 * millions of records builds no object per record. Strings quoted as serde_json quotes them.
 */
export function recordToJson(record: WalRecord): string {
  const head = `{"kind":"${record.kind}","segment":${quoteJsonString(record.segment)},"offset":${record.offset},"length":${record.length}`;
  if (record.kind === 'damage') {
    // The impact's strings are ids and data read back from damaged bytes (lossy UTF-8, so no lone surrogate): JSON.stringify quotes them as serde_json would.
    const impact = record.impact ? `,"impact":${JSON.stringify(record.impact)}` : '';
    const r = record.repairable;
    const repairable = r ? `,"repairable":{"bit":${r.bit},"offset":${r.offset},"length":${r.length},"field":"${r.field}"}` : '';
    return `${head},"damage":"${record.damage}","detail":${quoteJsonString(record.detail)}${impact}${repairable}}`;
  }
  const t = entryText(record.entry);
  return (
    `${head},"entry_type":"${t.entryType}","transaction_id":${quoteJsonString(t.transactionId)}` +
    `,"collection":${quoteJsonString(t.collection)},"document_id":${quoteJsonString(t.documentId)}` +
    `,"timestamp":"${t.timestamp}","data":${t.data === null ? 'null' : quoteJsonString(t.data)}` +
    (t.idUtf8Valid ? '' : ',"id_utf8_valid":false') +
    '}'
  );
}
