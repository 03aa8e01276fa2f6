import {
  CHECK_ALL, DECODE_OK, decodeLayout, newLayout, type EntryLayout,
} from '../binary-layout.js';
import { crc32 } from '../crc32.js';
import { locateBySyndrome } from './crc-syndrome.js';

/**
 * CRC-32 (IEEE) has Hamming distance 4 for codewords of up to 11,450 bytes (Koopman): within
 * that length a single flipped bit is located and corrected, and two flipped bits are always
 * detected, never mistaken for one. Longer ranges are never repaired.
 */
export const MAX_REPAIR_BYTES = 11_450;

/** The entry field a repaired bit lies in (by the repaired entry's layout). */
export type RepairField =
  | 'entry-type' | 'transaction-id-length' | 'transaction-id' | 'collection-length' | 'collection'
  | 'document-id-length' | 'document-id' | 'timestamp' | 'data-tag' | 'data-length' | 'data' | 'crc';

export interface BitRepair {
  /** Bit offset in the range: byte * 8 + bit, bit 0 the least significant. */
  readonly bit: number;
  /** Byte offset in the range. */
  readonly byte: number;
  readonly before: number;
  readonly after: number;
  readonly field: RepairField;
  /** The corrected bytes of the range: exactly one entry with a valid CRC. A copy. */
  readonly bytes: Uint8Array;
}

function fieldAt(l: EntryLayout, k: number): RepairField {
  if (k < l.txLenPos) return 'entry-type';
  if (k < l.txStart) return 'transaction-id-length';
  if (k < l.colLenPos) return 'transaction-id';
  if (k < l.colStart) return 'collection-length';
  if (k < l.docLenPos) return 'collection';
  if (k < l.docStart) return 'document-id-length';
  if (k < l.tsStart) return 'document-id';
  if (k < l.tsEnd) return 'timestamp';
  if (k === l.tagPos) return 'data-tag';
  if (l.dataLenPos >= 0 && k < l.dataStart) return 'data-length';
  if (k < l.crcPos) return 'data';
  return 'crc';
}

/**
 * Whether exactly one single-bit change makes the whole of `range` decode as one entry with
 * a valid CRC (every field rule of the reader included), and which. The corrected entry must
 * span the whole range, so its CRC is always its last four bytes: one CRC of the rest gives
 * the syndrome, which names the only bit whose flip can make the CRC hold (crc-syndrome.ts)
 * — in the data, an id, a length varint, the timestamp, the tag or the CRC alike. A flip in
 * a length varint moves where the damaged entry seemed to end; the caller hands over the
 * joined ranges then (repair-groups.ts). null: no such bit, longer than MAX_REPAIR_BYTES, or
 * the flip that fixes the CRC leaves the fields undecodable.
 */
export function locateBitError(range: Uint8Array): BitRepair | null {
  const n = range.length;
  if (n > MAX_REPAIR_BYTES || n < 5) return null;
  const payload = n - 4;
  const stored = (range[payload]! | (range[payload + 1]! << 8) | (range[payload + 2]! << 16) | (range[payload + 3]! << 24)) >>> 0;
  const syndrome = (crc32(range.subarray(0, payload)) ^ stored) >>> 0;
  const matches = locateBySyndrome(syndrome, payload);
  if (matches.length !== 1) return null;
  const { byte, bit } = matches[0]!;
  const bytes = range.slice();
  bytes[byte] = bytes[byte]! ^ (1 << bit);
  const l = newLayout();
  if (decodeLayout(bytes, 0, n, l, CHECK_ALL) !== DECODE_OK || l.end !== n) return null;
  return { bit: byte * 8 + bit, byte, before: range[byte]!, after: bytes[byte]!, field: fieldAt(l, byte), bytes };
}
