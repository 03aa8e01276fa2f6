import type { EntryLayout } from './binary-layout.js';
import {
  CHECK_ALL, CHECK_NONE, CHECK_STRUCTURE, DECODE_CRC_MISMATCH, DECODE_OK, DECODE_TRUNCATED, decodeLayout, newLayout,
  type CheckLevel,
} from './binary-layout.js';
import { crc32 } from './crc32.js';
import { chainEntryCrc } from './crc32-chain.js';
import type { ByteWindow } from './byte-source.js';
import type { DamageKind } from './records.js';

/** A run verified with one CRC call: at most this many entries and bytes. */
const RUN_ENTRIES = 1024;
const RUN_BYTES = 1 << 20;

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

  constructor(readonly window: ByteWindow, private readonly options: BinaryScannerOptions = {}) {}

  next(): ScanStep {
    const w = this.window;
    const p = this.pos;
    if (p >= w.fileSize) return SCAN_END;
    if (p >= this.verifiedEnd && p >= this.noBatchUntil) this.verifyRun(p);
    const status = this.decodeAt(p, this.layout, p < this.verifiedEnd ? CHECK_NONE : CHECK_ALL);
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
      const e = p + (this.layout.end - (p - w.start));
      const q = this.findNextValid(p + 1, e);
      if (q < 0) return this.damage('crc-mismatch', p, e, problem);
      return this.damage('undecodable', p, q, `${problem}; an intact entry starts inside it at ${q}`);
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
      if (decodeLayout(buf, rel, limit, probe, CHECK_STRUCTURE) !== DECODE_OK) break;
      expected = chainEntryCrc(expected, probe.end - rel);
      rel = probe.end;
      k++;
    }
    if (k < 2) return;
    if (crc32(buf.subarray(start, rel)) === expected) this.verifiedEnd = w.start + rel;
    else this.noBatchUntil = w.start + rel;
  }

  /** Decodes at absolute `p`, reading more of the file when the entry runs past the window. */
  private decodeAt(p: number, l: EntryLayout, check: CheckLevel = CHECK_ALL): number {
    const w = this.window;
    w.ensure(p, p + 1);
    for (;;) {
      const status = decodeLayout(w.buf, p - w.start, w.end - w.start, l, check);
      if (status !== DECODE_TRUNCATED || w.end >= w.fileSize) return status;
      const needAbs = w.start + l.need;
      if (needAbs > w.fileSize) return status; // claims more than exists: never read it
      w.ensure(p, Math.max(needAbs, w.end + 1));
    }
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
      if (this.decodeAt(i, this.probe) === DECODE_OK) return i;
    }
    return -1;
  }
}
