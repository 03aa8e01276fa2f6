import { entryTypeFromIndex, entryTypeIndex } from './entry-type.js';
import type { EntryLayout } from './binary-layout.js';
import { DECODE_OK, decodeLayout, layoutTimestamp, newLayout } from './binary-layout.js';
import { crc32 } from './crc32.js';
import type { LogEntry } from './log-entry.js';
import { decodeUtf8 } from './utf8.js';
import { varintSize, writeVarint } from './varint.js';
import { WalError } from './wal-error.js';

const encoder = new TextEncoder();

/** Encodes one entry exactly as sentinel-wal does: postcard fields, then CRC-32 LE. */
export function encodeBinaryEntry(entry: LogEntry): Uint8Array {
  if (entry.transactionId.length !== 32) throw new RangeError('transaction id must be exactly 32 bytes');
  const data = entry.data === null ? null : encoder.encode(entry.data);
  const size =
    1 + 1 + 32 +
    varintSize(entry.collection.length) + entry.collection.length +
    varintSize(entry.documentId.length) + entry.documentId.length +
    varintSize(entry.timestamp) + 1 +
    (data ? varintSize(data.length) + data.length : 0) + 4;
  const out = new Uint8Array(size);
  let p = writeVarint(out, 0, entryTypeIndex(entry.entryType));
  p = writeVarint(out, p, 32);
  out.set(entry.transactionId, p);
  p += 32;
  p = writeVarint(out, p, entry.collection.length);
  out.set(entry.collection, p);
  p += entry.collection.length;
  p = writeVarint(out, p, entry.documentId.length);
  out.set(entry.documentId, p);
  p += entry.documentId.length;
  p = writeVarint(out, p, entry.timestamp);
  if (data) {
    out[p++] = 1;
    p = writeVarint(out, p, data.length);
    out.set(data, p);
    p += data.length;
  } else {
    out[p++] = 0;
  }
  const crc = crc32(out.subarray(0, p));
  out[p] = crc & 0xff;
  out[p + 1] = (crc >>> 8) & 0xff;
  out[p + 2] = (crc >>> 16) & 0xff;
  out[p + 3] = (crc >>> 24) & 0xff;
  return out;
}

/** Builds the entry from a layout that decoded OK. Copies the bytes it keeps. */
export function entryFromLayout(buf: Uint8Array, l: EntryLayout): LogEntry {
  return {
    entryType: entryTypeFromIndex(l.typeIndex)!,
    transactionId: buf.slice(l.txStart, l.txStart + 32),
    collection: buf.slice(l.colStart, l.colStart + l.colLen),
    documentId: buf.slice(l.docStart, l.docStart + l.docLen),
    timestamp: layoutTimestamp(buf, l),
    data: l.dataLen < 0 ? null : decodeUtf8(buf.subarray(l.dataStart, l.dataStart + l.dataLen)),
  };
}

/** Decodes exactly one whole entry (no trailing bytes allowed); throws WalError otherwise. */
export function decodeBinaryEntry(bytes: Uint8Array): LogEntry {
  const l = newLayout();
  const status = decodeLayout(bytes, 0, bytes.length, l);
  if (status !== DECODE_OK) throw new WalError('UNDECODABLE_ENTRY', `cannot decode entry: ${l.problem}`, { offset: 0 });
  if (l.end !== bytes.length) {
    throw new WalError('UNDECODABLE_ENTRY', `${bytes.length - l.end} bytes follow the entry`, { offset: l.end });
  }
  return entryFromLayout(bytes, l);
}
