import { DECODE_OK, DECODE_TRUNCATED } from '../binary-layout.js';
import type { DamageKind } from '../records.js';
import { locateSingleBit, MAX_REPAIR_BYTES, type BitLocator, type LocatedBit } from './bit-locator.js';
import { longestRun, textShare, trailingRun, type ByteRun } from './byte-runs.js';
import type { DamageAnalysis, DamageCause, UnverifiedFields } from './damage-types.js';
import { countBoundaries, probeHeader, unverifiedFields, type HeaderProbe } from './header-probe.js';

/** The most bytes of one range that are looked at (a larger range is judged by its first bytes). */
export const ANALYSIS_LIMIT = 1 << 20;
/** A run of 0x00 / 0xFF this long anywhere (outside an entry's ids) is no accident of the format. */
const LONG_RUN = 16;
/** A run this long at an edge of the range (where a write stopped or a block was wiped). */
const EDGE_RUN = 8;

export interface DamageInput {
  readonly kind: DamageKind;
  readonly detail: string;
  /** The range's bytes: all of them, or its first ANALYSIS_LIMIT. */
  readonly bytes: Uint8Array;
  /** The range's full length. */
  readonly length: number;
  /** Bytes of the segment from the range's start to the segment's end. */
  readonly remaining: number;
  /** Default: the repair locator's hook (bit-locator.ts). */
  readonly locateBit?: BitLocator;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const hexAt = (n: number) => `+0x${n.toString(16)}`;

function describeEntry(f: UnverifiedFields | null): string {
  if (!f) return 'an entry';
  const article = /^[AEIOU]/.test(f.entry_type) ? 'an' : 'a';
  return f.document_id ? `${article} ${f.entry_type} of ${f.document_id}` : `${article} ${f.entry_type}`;
}

/** A zeroed or 0xFF run that explains the range, looking only at bytes[from, length). */
function runCause(bytes: Uint8Array, from: number, complete: boolean): DamageCause | null {
  for (const [value, kind] of [[0x00, 'zeroed-run'], [0xff, 'ff-run']] as const) {
    const end = trailingRun(bytes, value);
    const edge: ByteRun | null = complete && end >= EDGE_RUN && bytes.length - end >= from ? { offset: bytes.length - end, length: end } : null;
    let lead = 0;
    while (from + lead < bytes.length && bytes[from + lead] === value) lead++;
    const start: ByteRun | null = from === 0 && lead >= EDGE_RUN ? { offset: 0, length: lead } : null;
    const long = longestRun(bytes, value, from);
    const run = [edge, start, long.length >= LONG_RUN ? long : null].filter((r): r is ByteRun => r !== null)
      .sort((a, b) => b.length - a.length)[0];
    if (!run) continue;
    const where = run.offset === 0 && run.length === bytes.length ? 'every byte of the range is'
      : run.offset + run.length === bytes.length ? `its last ${run.length} bytes are`
        : run.offset === 0 ? `its first ${run.length} bytes are` : `${run.length} bytes at ${hexAt(run.offset)} are`;
    const why = value === 0
      ? 'zero: the bytes were wiped, or space was allocated but never written (a crash before the data reached the disk)'
      : '0xFF: erased flash, or a device that returned no data';
    return { kind, text: `${where} ${why}`, run };
  }
  return null;
}

/** The cause of a range one flipped bit explains (the repair locator's answer). */
function singleBitCause(bit: LocatedBit): DamageCause {
  return {
    kind: 'single-bit', bit: bit.bit, field: bit.field,
    text: `one bit differs (bit ${bit.bit % 8} of byte ${hexAt(bit.bit >> 3)}, in its ${bit.field.replace(/-/g, ' ')}): a bit flipped on disk or in memory, so it can be repaired exactly`,
  };
}

function crcMismatchCause(bytes: Uint8Array, probe: HeaderProbe): DamageCause {
  const run = runCause(bytes, probe.layout.tsStart, true);
  if (run) return run;
  if (probe.layout.storedCrc === 0) {
    return { kind: 'crc-zero', text: 'its stored CRC is 0x00000000: the checksum was never written, so the write stopped before the entry\'s end (or the space was allocated and not filled)' };
  }
  return { kind: 'altered', text: 'its fields decode but the CRC does not match: bytes of it changed after it was written, in more than one bit, so it cannot be repaired' };
}

function undecodableCause(input: DamageInput, probe: HeaderProbe, fields: UnverifiedFields | null, boundaries: number): DamageCause {
  const { bytes, length, remaining } = input;
  const complete = bytes.length === length;
  const run = runCause(bytes, probe.header ? probe.layout.tsStart : 0, complete);
  if (run) return run;
  const l = probe.layout;
  if (probe.header) {
    const what = describeEntry(fields);
    if (probe.status === DECODE_TRUNCATED) {
      if (l.need > remaining) return { kind: 'bad-length', text: `${what} begins here, but it claims ${plural(l.need, 'byte')}, more than the segment holds after it: a length field of it was damaged` };
      return { kind: 'overwritten', text: `${what} begins here, but ${plural(length, 'byte')} in, inside the ${plural(l.need, 'byte')} it claims, another entry starts: it was overwritten mid-way by a later write` };
    }
    if (probe.status === DECODE_OK && l.end < length) {
      return { kind: 'overwritten', text: `${what} decodes here but ${plural(length - l.end, 'byte')} follow it that belong to no entry: it overwrote part of an older one, or bytes were inserted` };
    }
    return { kind: 'bad-field', text: `${what} begins here, but ${input.detail}: a field of it was damaged` };
  }
  if (boundaries > 0) {
    return { kind: 'altered', text: `it holds the headers of ${plural(boundaries, 'entry', 'entries')} but none of them is intact: their bytes changed after they were written` };
  }
  const share = textShare(bytes);
  return {
    kind: 'foreign-bytes',
    text: `no entry structure at all: ${plural(length, 'byte')} that were never part of an entry (${share > 0.9 ? 'mostly text, ' : ''}another file's data, or bytes written to the wrong place)`,
  };
}

function tornCause(input: DamageInput, fields: UnverifiedFields | null): DamageCause {
  const what = fields ? describeEntry(fields) : 'an entry';
  const zeros = trailingRun(input.bytes, 0);
  const tail = zeros === input.bytes.length ? ', all of them zero' : '';
  return { kind: 'torn-tail', text: `the file ends inside ${what} after ${plural(input.length, 'byte')}${tail}: a write cut short (a crash, a full disk, or a copy of a log being written)` };
}

function jsonlCause(input: DamageInput): DamageCause {
  const run = runCause(input.bytes, 0, input.bytes.length === input.length);
  if (run && run.run!.length === input.bytes.length) return run;
  return { kind: 'invalid-line', text: `the line is not an entry (${input.detail}): it was cut short or its bytes changed` };
}

const ALTERED_LONG: DamageCause = { kind: 'altered', text: 'its fields decode but the CRC does not match: bytes of it changed after it was written' };

/** What the bytes of one damaged range tell: a likely cause, entry boundaries, unverified fields. */
export function analyzeDamage(input: DamageInput): DamageAnalysis {
  const { kind, bytes } = input;
  if (kind === 'corrupt-compression') {
    return { cause: { kind: 'compression', text: 'the compressed stream stops decoding here: the rest of the segment cannot be read' }, boundaries: 0, header_at_start: false, unverified: null };
  }
  if (kind === 'invalid-json-line') return { cause: jsonlCause(input), boundaries: 0, header_at_start: false, unverified: null };
  const boundaries = countBoundaries(bytes);
  const complete = bytes.length === input.length;
  const bit = kind !== 'truncated-tail' && complete && bytes.length <= MAX_REPAIR_BYTES ? (input.locateBit ?? locateSingleBit)(bytes) : null;
  if (bit) {
    // The repaired entry is what was written: its fields, still unverified (no CRC vouched for the damaged bytes).
    const repaired = probeHeader(bit.bytes, 0);
    return { cause: singleBitCause(bit), boundaries, header_at_start: true, unverified: unverifiedFields(bit.bytes, repaired) };
  }
  const probe = probeHeader(bytes, 0);
  const fields = unverifiedFields(bytes, probe);
  let cause: DamageCause;
  if (kind === 'truncated-tail') cause = tornCause(input, fields);
  else if (kind === 'crc-mismatch' && probe.status === DECODE_OK) cause = crcMismatchCause(bytes, probe);
  else if (kind === 'crc-mismatch') cause = runCause(bytes, probe.header ? probe.layout.tsStart : 0, false) ?? ALTERED_LONG;
  else cause = undecodableCause(input, probe, fields, boundaries);
  return { cause, boundaries, header_at_start: probe.header, unverified: fields };
}
