import type { EntryLayout } from './binary-layout.js';
import { DECODE_CRC_MISMATCH, DECODE_OK, DECODE_TRUNCATED, decodeLayout, newLayout } from './binary-layout.js';
import type { ByteWindow } from './byte-source.js';
import type { DamageKind } from './records.js';

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

  constructor(readonly window: ByteWindow, private readonly options: BinaryScannerOptions = {}) {}

  next(): ScanStep {
    const w = this.window;
    const p = this.pos;
    if (p >= w.fileSize) return SCAN_END;
    const status = this.decodeAt(p, this.layout);
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

  /** Decodes at absolute `p`, reading more of the file when the entry runs past the window. */
  private decodeAt(p: number, l: EntryLayout): number {
    const w = this.window;
    w.ensure(p, p + 1);
    for (;;) {
      const status = decodeLayout(w.buf, p - w.start, w.end - w.start, l);
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
