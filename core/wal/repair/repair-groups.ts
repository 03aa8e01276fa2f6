import type { ByteSource } from '../byte-source.js';
import type { DamageRecord, WalFormat } from '../records.js';
import { locateBitError, MAX_REPAIR_BYTES, type BitRepair } from './bit-locator.js';

/** Why a damaged range was left out of a repair. */
export type LeftOutReason =
  /** Longer than MAX_REPAIR_BYTES: CRC-32 no longer tells one flipped bit from several. */
  | 'too-long'
  /** No single-bit change makes it one valid entry (two or more bits, a zeroed run, foreign bytes…). */
  | 'not-one-bit'
  /** JSON Lines has no checksum: nothing says which byte is wrong. */
  | 'no-checksum'
  /** A compressed stream stops decompressing: the bytes after it are not there to repair. */
  | 'stream-stops';

/** One damaged range as a repair sees it: one record, or contiguous records joined into one entry. */
export interface RepairPart {
  readonly kind: 'part';
  readonly segment: string;
  readonly offset: number;
  readonly length: number;
  /** The damage records it covers, in file order. */
  readonly records: readonly DamageRecord[];
  /** The single-bit repair, or null with `reason`. */
  readonly repair: BitRepair | null;
  readonly reason?: LeftOutReason;
}

/** The most contiguous records tried as one entry (a flipped length varint splits one entry in two). */
const MAX_JOINED = 8;

function reasonFor(r: DamageRecord, format: WalFormat): LeftOutReason {
  if (r.damage === 'corrupt-compression') return 'stream-stops';
  if (format === 'jsonl' || r.damage === 'invalid-json-line') return 'no-checksum';
  return r.length > MAX_REPAIR_BYTES ? 'too-long' : 'not-one-bit';
}

function readRange(source: ByteSource, offset: number, length: number): Uint8Array | null {
  const bytes = new Uint8Array(length);
  return source.readInto(bytes, 0, offset, length) === length ? bytes : null;
}

/**
 * Splits contiguous damage records of one segment into repair parts. A flip that shrinks a
 * length varint leaves a crc-mismatch record for the entry as it now decodes and another for
 * the rest of it, so joined records are tried first: from each record on, the longest run of
 * following records (at most MAX_JOINED, MAX_REPAIR_BYTES in all) that locateBitError repairs
 * as one entry is taken; a record that no run repairs is left out alone.
 */
export function repairParts(source: ByteSource, group: readonly DamageRecord[], format: WalFormat): RepairPart[] {
  const parts: RepairPart[] = [];
  let i = 0;
  while (i < group.length) {
    const first = group[i]!;
    let taken: RepairPart | null = null;
    if (format === 'binary' && first.damage !== 'corrupt-compression') {
      for (let j = Math.min(group.length, i + MAX_JOINED) - 1; j >= i && !taken; j--) {
        const last = group[j]!;
        const length = last.offset + last.length - first.offset;
        if (length > MAX_REPAIR_BYTES || group.slice(i, j + 1).some((r) => r.damage === 'corrupt-compression')) continue;
        const bytes = readRange(source, first.offset, length);
        const repair = bytes && locateBitError(bytes);
        if (repair) taken = { kind: 'part', segment: first.segment, offset: first.offset, length, records: group.slice(i, j + 1), repair };
      }
    }
    if (taken) {
      parts.push(taken);
      i += taken.records.length;
      continue;
    }
    parts.push({ kind: 'part', segment: first.segment, offset: first.offset, length: first.length, records: [first], repair: null, reason: reasonFor(first, format) });
    i++;
  }
  return parts;
}

/** Whether `next` starts where `prev` ends in the same segment (one incident). */
export function contiguous(prev: DamageRecord, next: DamageRecord): boolean {
  return prev.segment === next.segment && prev.offset + prev.length === next.offset;
}
