import type { EntryLayout } from './binary-layout.js';
import {
  CHECK_ALL, CHECK_NONE, CHECK_STRUCTURE, DECODE_CRC_MISMATCH, DECODE_OK, DECODE_TRUNCATED, DECODE_UNDECODABLE, decodeLayout,
  hex32, newLayout, type CheckLevel, type DecodeStatus,
} from './binary-layout.js';
import { crc32 } from './crc32.js';
import { chainEntryCrc } from './crc32-chain.js';
import type { ByteWindow } from './byte-source.js';
import { MARK_SPACING, RangeCrc } from './range-crc.js';
import type { DamageKind } from './records.js';

/** A run verified with one CRC call: at most this many entries and bytes. */
const RUN_ENTRIES = 1024;
const RUN_BYTES = 1 << 20;
/**
 * An entry claiming more bytes than this is checked by its CRC over the range (RangeCrc)
 * before its bytes are read or its data checked for UTF-8: a candidate then costs at most
 * ~2 KiB of work, however much it claims (the header already fits in this: at most ~600 bytes).
 */
const LONG_ENTRY = MARK_SPACING;

export const SCAN_END = 0;
export const SCAN_ENTRY = 1;
export const SCAN_DAMAGE = 2;
export type ScanStep = typeof SCAN_END | typeof SCAN_ENTRY | typeof SCAN_DAMAGE;

export interface BinaryScannerOptions {
  /**
   * For a file that is still being written (follow): an incomplete entry at the end is not
   * reported as damage; `next()` returns SCAN_END and resumes there once the file grew.
   */
  readonly holdIncompleteTail?: boolean;
}

/**
 * Linear-time scan of a binary segment. Each `next()` fills either the entry fields
 * (`layout`, relative to `window.buf`, valid until the next call) or the damage fields.
 * After damage it resynchronises on the next position where a whole valid entry starts, so
 * damage records cover exactly the bytes that belong to no intact entry.
 */
export class BinaryScanner {
  readonly layout: EntryLayout = newLayout();
  pos = 0;
  entryOffset = 0;
  entryLength = 0;
  damageKind: DamageKind = 'undecodable';
  damageOffset = 0;
  damageLength = 0;
  damageDetail = '';
  private readonly probe: EntryLayout = newLayout();
  /** Entries that start before this position were verified as part of a run. */
  private verifiedEnd = 0;
  /** A run up to here failed its batch check: check these entries one by one. */
  private noBatchUntil = 0;
  /** Absolute end of the entry the last check decoded (OK or CRC mismatch). */
  private checkedEnd = 0;
  /** The last check took the range-CRC path: the entry's data was not checked for UTF-8. */
  private checkedByRange = false;
  private rangeCrc: RangeCrc | null = null;

  constructor(readonly window: ByteWindow, private readonly options: BinaryScannerOptions = {}) {}

  /** Entries starting before `end` are known to hold damage: check them one by one, without a batch check first. */
  checkEachUntil(end: number): void {
    if (end > this.noBatchUntil) this.noBatchUntil = end;
  }

  next(): ScanStep {
    const w = this.window;
    const p = this.pos;
    if (p >= w.fileSize) return SCAN_END;
    if (p >= this.verifiedEnd && p >= this.noBatchUntil) this.verifyRun(p);
    const status = p < this.verifiedEnd ? this.decodeAt(p, this.layout, CHECK_NONE) : this.checkAt(p, this.layout);
    if (status === DECODE_OK) {
      this.entryOffset = p;
      this.entryLength = this.layout.end - (p - w.start);
      this.pos = p + this.entryLength;
      return SCAN_ENTRY;
    }
    if (status === DECODE_TRUNCATED && this.options.holdIncompleteTail && !this.validEntryAfter(p, w.fileSize)) {
      return SCAN_END;
    }
    const problem = this.layout.problem;
    if (status === DECODE_CRC_MISMATCH) {
      const e = this.checkedEnd;
      const unchecked = this.checkedByRange;
      const q = this.findNextValid(p + 1, e);
      if (q >= 0) return this.damage('undecodable', p, q, `${problem}; an intact entry starts inside it at ${q}`);
      // [p, e) is consumed either way, so reading it whole for the UTF-8 check costs its length once.
      if (unchecked && this.decodeAt(p, this.probe, CHECK_STRUCTURE) !== DECODE_OK) {
        const after = this.findNextValid(e, w.fileSize);
        return this.damage('undecodable', p, after >= 0 ? after : w.fileSize, this.probe.problem);
      }
      return this.damage('crc-mismatch', p, e, problem);
    }
    const q = this.findNextValid(p + 1, w.fileSize);
    if (q >= 0) return this.damage('undecodable', p, q, problem);
    if (status === DECODE_TRUNCATED) return this.damage('truncated-tail', p, w.fileSize, `file ends inside an entry: ${problem}`);
    return this.damage('undecodable', p, w.fileSize, problem);
  }

  private damage(kind: DamageKind, from: number, to: number, detail: string): ScanStep {
    this.damageKind = kind;
    this.damageOffset = from;
    this.damageLength = to - from;
    this.damageDetail = detail;
    this.pos = to;
    return SCAN_DAMAGE;
  }

  /**
   * Checks the run of entries that starts at `p` and lies in the window with one CRC call
   * (see crc32-chain.ts). On success they are returned without a CRC call each.
   */
  private verifyRun(p: number): void {
    const w = this.window;
    w.ensure(p, p + 1);
    const buf = w.buf;
    const limit = w.end - w.start;
    const start = p - w.start;
    const stop = Math.min(limit, start + RUN_BYTES);
    const probe = this.probe;
    let rel = start;
    let expected = 0;
    let k = 0;
    while (k < RUN_ENTRIES && rel < stop) {
      if (decodeLayout(buf, rel, limit, probe, CHECK_NONE) !== DECODE_OK) break;
      expected = chainEntryCrc(expected, probe.end - rel);
      rel = probe.end;
      k++;
    }
    if (k < 2) return;
    if (crc32(buf.subarray(start, rel)) !== expected) {
      this.noBatchUntil = w.start + rel;
      return;
    }
    // Data is checked for UTF-8 only once the CRCs hold: a run of fake entries then costs
    // one CRC pass, and the bytes of a verified run are consumed.
    let good = start;
    while (good < rel && decodeLayout(buf, good, limit, probe, CHECK_STRUCTURE) === DECODE_OK) good = probe.end;
    this.verifiedEnd = w.start + good;
    if (good < rel) this.noBatchUntil = w.start + rel;
  }

  /** Decodes at absolute `p`, reading more of the file when the entry runs past the window. */
  private decodeAt(p: number, l: EntryLayout, check: CheckLevel = CHECK_ALL): DecodeStatus {
    const w = this.window;
    w.ensure(p, p + 1);
    this.checkedByRange = false;
    for (;;) {
      const status = decodeLayout(w.buf, p - w.start, w.end - w.start, l, check);
      if (status === DECODE_OK || status === DECODE_CRC_MISMATCH) this.checkedEnd = w.start + l.end;
      if (status !== DECODE_TRUNCATED || w.end >= w.fileSize) return status;
      const needAbs = w.start + l.need;
      if (needAbs > w.fileSize) return status; // claims more than exists: never read it
      w.ensure(p, Math.max(needAbs, w.end + 1));
    }
  }

  /**
   * decodeAt with every rule, but an entry claiming more than LONG_ENTRY bytes has its CRC
   * checked first over the range, without reading the bytes into the window: a CRC mismatch
   * then leaves its data unchecked for UTF-8 (`checkedByRange`). Only an entry whose CRC
   * holds is read whole.
   */
  private checkAt(p: number, l: EntryLayout, describe = true): DecodeStatus {
    const w = this.window;
    w.ensure(p, p + 1);
    let end: number;
    for (;;) {
      const status = decodeLayout(w.buf, p - w.start, w.end - w.start, l, CHECK_NONE);
      if (status === DECODE_UNDECODABLE) return status;
      if (status === DECODE_OK) {
        end = w.start + l.end;
        break;
      }
      const needAbs = w.start + l.need;
      if (w.end >= w.fileSize || needAbs > w.fileSize) return this.decodeAt(p, l, CHECK_ALL);
      if (needAbs - p > LONG_ENTRY) {
        end = needAbs; // the header decoded; only its data and CRC lie beyond the window
        break;
      }
      w.ensure(p, Math.max(needAbs, w.end + 1));
    }
    if (end - p <= LONG_ENTRY) return this.decodeAt(p, l, CHECK_ALL);
    const stored = this.storedCrcAt(end - 4);
    this.rangeCrc ??= new RangeCrc(w);
    const computed = this.rangeCrc.range(p, end - 4);
    if (computed === stored) return this.decodeAt(p, l, CHECK_ALL);
    l.storedCrc = stored;
    l.computedCrc = computed;
    // Resync tries many candidates and only reports the first one's problem: no text for the others.
    l.problem = describe ? `stored CRC ${hex32(stored)} but the bytes give ${hex32(computed)}` : 'stored CRC differs';
    this.checkedEnd = end;
    this.checkedByRange = true;
    return DECODE_CRC_MISMATCH;
  }

  private readonly crcBytes = new Uint8Array(4);

  private storedCrcAt(at: number): number {
    const w = this.window;
    let b: Uint8Array = this.crcBytes;
    let o = 0;
    if (at >= w.start && at + 4 <= w.end) {
      b = w.buf;
      o = at - w.start;
    } else {
      w.source.readInto(b, 0, at, 4);
    }
    return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
  }

  private validEntryAfter(from: number, to: number): boolean {
    const saved = this.pos;
    const found = this.findNextValid(from + 1, to) >= 0;
    this.pos = saved;
    return found;
  }

  /** First position in [from, to) where a whole valid entry starts, or -1. */
  findNextValid(from: number, to: number): number {
    const w = this.window;
    for (let i = from; i < to; i++) {
      if (i >= w.end || i < w.start) w.ensure(i, i + 1);
      // Cheap filter: the entry type varint's first byte carries a value 0..5.
      if ((w.buf[i - w.start]! & 0x7f) > 5) continue;
      if (this.checkAt(i, this.probe, false) === DECODE_OK) return i;
    }
    return -1;
  }
}
