import { CHECK_NONE, DECODE_OK, decodeLayout, layoutTimestamp, newLayout, type DecodeStatus, type EntryLayout } from '../binary-layout.js';
import { ENTRY_TYPES } from '../entry-type.js';
import { idText } from '../fixed-bytes.js';
import type { UnverifiedFields } from './damage-types.js';

const lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export interface HeaderProbe {
  readonly status: DecodeStatus;
  readonly layout: EntryLayout;
  /** The fields up to and including the timestamp decoded (the ids and time can be read). */
  readonly header: boolean;
}

/** Decodes what it can of an entry at `pos` without checking its CRC or data. */
export function probeHeader(bytes: Uint8Array, pos: number, layout: EntryLayout = newLayout()): HeaderProbe {
  layout.tsEnd = 0;
  const status = decodeLayout(bytes, pos, bytes.length, layout, CHECK_NONE);
  return { status, layout, header: layout.tsEnd > pos };
}

/**
 * The fields of a probed entry as unverified values. `partial` when the entry does not end
 * inside the bytes, or something after the timestamp does not decode; the data is then
 * whatever of it lies in the bytes, or null.
 */
export function unverifiedFields(bytes: Uint8Array, probe: HeaderProbe): UnverifiedFields | null {
  if (!probe.header) return null;
  const l = probe.layout;
  const complete = probe.status === DECODE_OK;
  const hasData = complete ? l.dataLen >= 0 : bytes[l.tagPos] === 1 && l.dataLenPos >= 0 && l.dataStart > l.dataLenPos;
  const dataLength = hasData ? l.dataLen : null;
  let data: string | null = null;
  if (complete && l.dataLen >= 0) data = lossy.decode(bytes.subarray(l.dataStart, l.dataStart + l.dataLen));
  return {
    entry_type: ENTRY_TYPES[l.typeIndex]!,
    transaction_id: idText(bytes.subarray(l.txStart, l.txStart + 32)).text,
    collection: idText(bytes.subarray(l.colStart, l.colStart + l.colLen)).text,
    document_id: idText(bytes.subarray(l.docStart, l.docStart + l.docLen)).text,
    timestamp: layoutTimestamp(bytes, l).toString(),
    data, data_length: dataLength, partial: !complete,
  };
}

/**
 * Positions in bytes[1, end) where an entry's header decodes: the entry boundaries a damaged
 * range still shows. Linear: a position is ruled out by its first two bytes unless it reads
 * as an entry type followed by the transaction id's length (32), and a complete entry found
 * is stepped over.
 */
export function countBoundaries(bytes: Uint8Array): number {
  const layout = newLayout();
  let n = 0;
  for (let i = 1; i + 1 < bytes.length; i++) {
    if (bytes[i]! > 5 || bytes[i + 1] !== 32) continue;
    const p = probeHeader(bytes, i, layout);
    if (!p.header) continue;
    n++;
    if (p.status === DECODE_OK) i = layout.end - 1;
  }
  return n;
}
