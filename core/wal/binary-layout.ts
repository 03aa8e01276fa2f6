import { crc32 } from './crc32.js';
import { isUtf8 } from './utf8.js';
import { readVarintBigint, readVarintNumber } from './varint.js';

/**
 * Structural decoding of one binary entry, without building strings: the positions of
 * every field in the buffer. Reused across calls (the hot path allocates nothing).
 */
export interface EntryLayout {
  typeIndex: number;
  txLenPos: number;
  txStart: number;
  colLenPos: number;
  colStart: number;
  colLen: number;
  docLenPos: number;
  docStart: number;
  docLen: number;
  tsStart: number;
  timestamp: bigint;
  tagPos: number;
  /** Start of the data length varint, or -1. */
  dataLenPos: number;
  dataStart: number;
  /** -1 when the entry has no data. */
  dataLen: number;
  crcPos: number;
  /** Position after the CRC. */
  end: number;
  storedCrc: number;
  computedCrc: number;
  /** Why decoding stopped, for damage details. */
  problem: string;
  /** For TRUNCATED: the end position the entry claims (may exceed the file). */
  need: number;
}

export function newLayout(): EntryLayout {
  return {
    typeIndex: 0, txLenPos: 0, txStart: 0, colLenPos: 0, colStart: 0, colLen: 0, docLenPos: 0,
    docStart: 0, docLen: 0, tsStart: 0, timestamp: 0n, tagPos: 0, dataLenPos: -1, dataStart: 0,
    dataLen: -1, crcPos: 0, end: 0, storedCrc: 0, computedCrc: 0, problem: '', need: 0,
  };
}

export const DECODE_OK = 0;
/** The bytes end before the entry does (`need` says how far it claims to go). */
export const DECODE_TRUNCATED = 1;
/** Some field can never be valid here (`problem` says which). */
export const DECODE_UNDECODABLE = 2;
/** Every field decodes, the CRC differs. */
export const DECODE_CRC_MISMATCH = 3;
export type DecodeStatus = 0 | 1 | 2 | 3;

export const MAX_ID_LENGTH = 256;
export const TX_ID_LENGTH = 32;

function truncated(l: EntryLayout, need: number, what: string): DecodeStatus {
  l.need = need;
  l.problem = `bytes end inside ${what}`;
  return DECODE_TRUNCATED;
}

function undecodable(l: EntryLayout, problem: string): DecodeStatus {
  l.problem = problem;
  return DECODE_UNDECODABLE;
}

/**
 * Decodes the entry starting at `pos`; `limit` is the end of the bytes available.
 * When the status is TRUNCATED and more bytes exist beyond `limit`, read up to `need`
 * and call again.
 */
export function decodeLayout(buf: Uint8Array, pos: number, limit: number, l: EntryLayout): DecodeStatus {
  const t = readVarintNumber(buf, pos, limit, 5);
  if (!t.ok) return t.reason === 'truncated' ? truncated(l, limit + 1, 'the entry type') : undecodable(l, 'malformed entry type varint');
  if (t.value > 5) return undecodable(l, `entry type ${t.value} is not 0..5`);
  l.typeIndex = t.value;

  l.txLenPos = t.end;
  const tx = readVarintNumber(buf, t.end, limit, 10);
  if (!tx.ok) return tx.reason === 'truncated' ? truncated(l, limit + 1, 'the transaction id length') : undecodable(l, 'malformed transaction id length varint');
  if (tx.value !== TX_ID_LENGTH) return undecodable(l, `transaction id length ${tx.value} is not 32`);
  l.txStart = tx.end;
  let p = tx.end + TX_ID_LENGTH;

  l.colLenPos = p;
  if (p > limit) return truncated(l, p, 'the transaction id');
  const col = readVarintNumber(buf, p, limit, 10);
  if (!col.ok) return col.reason === 'truncated' ? truncated(l, limit + 1, 'the collection length') : undecodable(l, 'malformed collection length varint');
  if (col.value > MAX_ID_LENGTH) return undecodable(l, `collection length ${col.value} exceeds 256`);
  l.colStart = col.end;
  l.colLen = col.value;
  p = col.end + col.value;

  l.docLenPos = p;
  if (p > limit) return truncated(l, p, 'the collection');
  const doc = readVarintNumber(buf, p, limit, 10);
  if (!doc.ok) return doc.reason === 'truncated' ? truncated(l, limit + 1, 'the document id length') : undecodable(l, 'malformed document id length varint');
  if (doc.value > MAX_ID_LENGTH) return undecodable(l, `document id length ${doc.value} exceeds 256`);
  l.docStart = doc.end;
  l.docLen = doc.value;
  p = doc.end + doc.value;

  l.tsStart = p;
  if (p > limit) return truncated(l, p, 'the document id');
  const ts = readVarintBigint(buf, p, limit);
  if (!ts.ok) return ts.reason === 'truncated' ? truncated(l, limit + 1, 'the timestamp') : undecodable(l, 'malformed timestamp varint');
  l.timestamp = ts.value;
  p = ts.end;

  l.tagPos = p;
  if (p >= limit) return truncated(l, p + 1, 'the data tag');
  const tag = buf[p]!;
  p++;
  if (tag === 0) {
    l.dataLenPos = -1;
    l.dataLen = -1;
    l.dataStart = p;
  } else if (tag === 1) {
    l.dataLenPos = p;
    const len = readVarintNumber(buf, p, limit, 10);
    if (!len.ok) return len.reason === 'truncated' ? truncated(l, limit + 1, 'the data length') : undecodable(l, 'malformed data length varint');
    l.dataStart = len.end;
    l.dataLen = len.value;
    p = len.end + len.value;
    if (p + 4 > limit) return truncated(l, p + 4, `the data (${len.value} bytes claimed)`);
  } else {
    return undecodable(l, `data tag ${tag} is not 0 or 1`);
  }

  l.crcPos = p;
  if (p + 4 > limit) return truncated(l, p + 4, 'the CRC');
  l.end = p + 4;
  if (l.dataLen > 0 && !isUtf8(buf.subarray(l.dataStart, l.dataStart + l.dataLen))) {
    return undecodable(l, 'data is not valid UTF-8');
  }
  l.storedCrc = (buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24)) >>> 0;
  l.computedCrc = crc32(buf.subarray(pos, p));
  if (l.storedCrc !== l.computedCrc) {
    l.problem = `stored CRC ${hex32(l.storedCrc)} but the bytes give ${hex32(l.computedCrc)}`;
    return DECODE_CRC_MISMATCH;
  }
  return DECODE_OK;
}

export function hex32(n: number): string {
  return '0x' + n.toString(16).padStart(8, '0');
}
