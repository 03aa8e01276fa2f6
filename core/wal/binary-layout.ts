import { crc32 } from './crc32.js';
import { isUtf8 } from './utf8.js';
import { readVarintBigint } from './varint.js';

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
  /** Position after the timestamp varint. */
  tsEnd: number;
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
    docStart: 0, docLen: 0, tsStart: 0, tsEnd: 0, tagPos: 0, dataLenPos: -1, dataStart: 0,
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

/** Every rule, the CRC included. */
export const CHECK_ALL = 0;
/** Every rule but the CRC (the caller checks CRCs of a whole run at once). */
export const CHECK_STRUCTURE = 1;
/** Field positions only: for an entry already verified. */
export const CHECK_NONE = 2;
export type CheckLevel = typeof CHECK_ALL | typeof CHECK_STRUCTURE | typeof CHECK_NONE;

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
// Varint results without allocating: value returned, end position in `varEnd`.
let varEnd = 0;
const V_TRUNCATED = -1;
const V_MALFORMED = -2;

/** A u64 (maxBytes 10) or u32 (5) varint as a number (> 2^53 becomes Infinity). */
function readVar(buf: Uint8Array, pos: number, limit: number, maxBytes: number): number {
  if (pos < limit) {
    const b = buf[pos]!;
    if (b < 0x80) {
      varEnd = pos + 1;
      return b;
    }
  }
  let value = 0;
  let scale = 1;
  for (let i = 0; i < maxBytes; i++) {
    if (pos + i >= limit) return V_TRUNCATED;
    const byte = buf[pos + i]!;
    if (i === maxBytes - 1 && byte > (maxBytes === 5 ? 0x0f : 0x01)) return V_MALFORMED;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      varEnd = pos + i + 1;
      return value > Number.MAX_SAFE_INTEGER ? Infinity : value;
    }
    scale *= 128;
  }
  return V_MALFORMED;
}

function varProblem(l: EntryLayout, code: number, limit: number, what: string): DecodeStatus {
  return code === V_TRUNCATED ? truncated(l, limit + 1, `the ${what}`) : undecodable(l, `malformed ${what} varint`);
}

/**
 * Decodes the entry starting at `pos`; `limit` is the end of the bytes available.
 * When the status is TRUNCATED and more bytes exist beyond `limit`, read up to `need`
 * and call again. The timestamp is checked here but built (as a bigint) only on demand.
 */
export function decodeLayout(buf: Uint8Array, pos: number, limit: number, l: EntryLayout, check: CheckLevel = CHECK_ALL): DecodeStatus {
  const t = readVar(buf, pos, limit, 5);
  if (t < 0) return varProblem(l, t, limit, 'entry type');
  if (t > 5) return undecodable(l, `entry type ${t} is not 0..5`);
  l.typeIndex = t;

  l.txLenPos = varEnd;
  const tx = readVar(buf, varEnd, limit, 10);
  if (tx < 0) return varProblem(l, tx, limit, 'transaction id length');
  if (tx !== TX_ID_LENGTH) return undecodable(l, `transaction id length ${tx} is not 32`);
  l.txStart = varEnd;
  let p = varEnd + TX_ID_LENGTH;

  l.colLenPos = p;
  if (p > limit) return truncated(l, p, 'the transaction id');
  const col = readVar(buf, p, limit, 10);
  if (col < 0) return varProblem(l, col, limit, 'collection length');
  if (col > MAX_ID_LENGTH) return undecodable(l, `collection length ${col} exceeds 256`);
  l.colStart = varEnd;
  l.colLen = col;
  p = varEnd + col;

  l.docLenPos = p;
  if (p > limit) return truncated(l, p, 'the collection');
  const doc = readVar(buf, p, limit, 10);
  if (doc < 0) return varProblem(l, doc, limit, 'document id length');
  if (doc > MAX_ID_LENGTH) return undecodable(l, `document id length ${doc} exceeds 256`);
  l.docStart = varEnd;
  l.docLen = doc;
  p = varEnd + doc;

  l.tsStart = p;
  if (p > limit) return truncated(l, p, 'the document id');
  // The timestamp is a u64: up to 10 bytes, the 10th carrying one bit.
  let q = p;
  for (;;) {
    if (q >= limit) return truncated(l, limit + 1, 'the timestamp');
    const byte = buf[q]!;
    if (q - p === 9 && byte > 0x01) return undecodable(l, 'malformed timestamp varint');
    q++;
    if (byte < 0x80) break;
    if (q - p === 10) return undecodable(l, 'malformed timestamp varint');
  }
  l.tsEnd = q;
  p = q;

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
    const len = readVar(buf, p, limit, 10);
    if (len < 0) return varProblem(l, len, limit, 'data length');
    l.dataStart = varEnd;
    l.dataLen = len;
    p = varEnd + len;
    if (p + 4 > limit) return truncated(l, p + 4, `the data (${len} bytes claimed)`);
  } else {
    return undecodable(l, `data tag ${tag} is not 0 or 1`);
  }

  l.crcPos = p;
  if (p + 4 > limit) return truncated(l, p + 4, 'the CRC');
  l.end = p + 4;
  l.storedCrc = (buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24)) >>> 0;
  if (check === CHECK_NONE) {
    l.computedCrc = l.storedCrc;
    return DECODE_OK;
  }
  if (l.dataLen > 0 && !isUtf8(buf.subarray(l.dataStart, l.dataStart + l.dataLen))) {
    return undecodable(l, 'data is not valid UTF-8');
  }
  if (check === CHECK_STRUCTURE) {
    l.computedCrc = l.storedCrc;
    return DECODE_OK;
  }
  l.computedCrc = crc32(buf.subarray(pos, p));
  if (l.storedCrc !== l.computedCrc) {
    l.problem = `stored CRC ${hex32(l.storedCrc)} but the bytes give ${hex32(l.computedCrc)}`;
    return DECODE_CRC_MISMATCH;
  }
  return DECODE_OK;
}

/** The timestamp of a decoded layout, exactly. */
export function layoutTimestamp(buf: Uint8Array, l: EntryLayout): bigint {
  const r = readVarintBigint(buf, l.tsStart, l.tsEnd);
  if (!r.ok) throw new Error('layoutTimestamp called on a layout that did not decode');
  return r.value;
}

/** The timestamp as a double (exact below 2^53, i.e. for any real clock). */
export function layoutTimestampNumber(buf: Uint8Array, l: EntryLayout): number {
  let value = 0;
  let scale = 1;
  for (let i = l.tsStart; i < l.tsEnd; i++) {
    value += (buf[i]! & 0x7f) * scale;
    scale *= 128;
  }
  return value;
}

export function hex32(n: number): string {
  return '0x' + n.toString(16).padStart(8, '0');
}
