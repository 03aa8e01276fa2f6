import type { EntryLayout } from '../../wal/binary-layout.js';
import type { FieldSpan } from '../../contract/contract-types.js';

/**
 * The labelled byte range of every field of a decoded binary entry, relative to `base` (the
 * position in the buffer that the hex view's first byte has).
 */
export function binarySpans(l: EntryLayout, entryStart: number, base: number): FieldSpan[] {
  const span = (field: string, start: number, end: number, label: string): FieldSpan => ({ field, start: start - base, end: end - base, label });
  const spans: FieldSpan[] = [
    span('entry_type', entryStart, l.txLenPos, 'entry type (varint)'),
    span('transaction_id_length', l.txLenPos, l.txStart, 'transaction id length (varint)'),
    span('transaction_id', l.txStart, l.txStart + 32, 'transaction id (32 bytes)'),
    span('collection_length', l.colLenPos, l.colStart, 'collection length (varint)'),
    span('collection', l.colStart, l.colStart + l.colLen, `collection (${l.colLen} bytes)`),
    span('document_id_length', l.docLenPos, l.docStart, 'document id length (varint)'),
    span('document_id', l.docStart, l.docStart + l.docLen, `document id (${l.docLen} bytes)`),
    span('timestamp', l.tsStart, l.tsEnd, 'timestamp (varint, ms)'),
    span('data_tag', l.tagPos, l.tagPos + 1, l.dataLen < 0 ? 'data tag: none' : 'data tag: present'),
  ];
  if (l.dataLen >= 0) {
    spans.push(span('data_length', l.dataLenPos, l.dataStart, 'data length (varint)'));
    spans.push(span('data', l.dataStart, l.dataStart + l.dataLen, `data (${l.dataLen} bytes, UTF-8 JSON)`));
  }
  spans.push(span('crc', l.crcPos, l.crcPos + 4, 'CRC-32 (little-endian)'));
  return spans.filter((s) => s.end > s.start || s.field === 'collection' || s.field === 'document_id');
}
