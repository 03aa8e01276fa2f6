import { quoteJsonText as quoteJsonString } from '../../json/json-string-text.js';
import { entryText } from '../../wal/log-entry.js';
import type { WalRecord } from '../../wal/records.js';

/**
 * One record as the dump/manifest contract prints it (one JSON object, no newline):
 * entries field by field with the timestamp as a decimal string and `data` as the stored
 * text in a JSON string; damage with its kind and a detail for people.
 */
export function recordToJson(record: WalRecord): string {
  const head = `{"kind":"${record.kind}","segment":${quoteJsonString(record.segment)},"offset":${record.offset},"length":${record.length}`;
  if (record.kind === 'damage') {
    return `${head},"damage":"${record.damage}","detail":${quoteJsonString(record.detail)}}`;
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
