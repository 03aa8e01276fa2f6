import { HistoryError } from './history-error.js';
import type { UntilTarget } from './history-target.js';

/** A position in the chain: the segment's place in replay order, then the byte offset in it. */
export interface ChainPosition {
  readonly segment: number;
  readonly offset: number;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const before = (a: ChainPosition, b: ChainPosition): boolean => a.segment < b.segment || (a.segment === b.segment && a.offset < b.offset);

/** Where a transaction lies: its first entry and the entry that ends it (its deciding Commit/Rollback, else its last). */
export interface TransactionSpan {
  readonly first: ChainPosition;
  readonly end: ChainPosition;
}

/**
 * Decides for each entry whether it lies after `--until`'s target. Time: after when its
 * timestamp is later (`--exclusive`: at or later). Position: after when it starts past the
 * position (`--exclusive`: at or past). Transaction: after the entry that ends it
 * (`--exclusive`: from its first entry on).
 */
export class CutOff {
  private readonly cutMs: bigint | number;

  private constructor(
    private readonly time: { ms: bigint; exclusive: boolean } | undefined,
    private readonly position: { at: ChainPosition; exclusive: boolean } | undefined,
  ) {
    const ms = time?.ms ?? 0n;
    this.cutMs = ms >= -SAFE && ms <= SAFE ? Number(ms) : ms;
  }

  /** No cut-off: nothing is after it. */
  static none(): CutOff {
    return new CutOff(undefined, undefined);
  }

  /**
   * The cut-off of a target in a chain whose segments are `segments` (file names in replay
   * order). A transaction target needs `span` (from a first pass over the chain).
   */
  static of(target: UntilTarget, exclusive: boolean, segments: readonly string[], span?: TransactionSpan): CutOff {
    switch (target.kind) {
      case 'time':
        return new CutOff({ ms: target.ms, exclusive }, undefined);
      case 'position': {
        const segment = segments.indexOf(target.segment);
        if (segment === -1) {
          throw new HistoryError('TARGET_NOT_FOUND', `--until ${target.text}: the chain has no segment "${target.segment}" (it has ${segments.join(', ') || 'none'})`, {
            segment: target.segment, offset: target.offset,
          });
        }
        return new CutOff(undefined, { at: { segment, offset: target.offset }, exclusive });
      }
      case 'transaction':
        if (!span) throw new HistoryError('TARGET_NOT_FOUND', `--until ${target.text}: no entry of the log carries this transaction id`, { transactionId: target.transactionId });
        return exclusive
          ? new CutOff(undefined, { at: span.first, exclusive: true })
          : new CutOff(undefined, { at: span.end, exclusive: false });
    }
  }

  get active(): boolean {
    return this.time !== undefined || this.position !== undefined;
  }

  /** Whether isAfter reads the timestamp (a time target); else it may be given as 0. */
  get byTime(): boolean {
    return this.time !== undefined;
  }

  /**
   * An entry at `offset` of the chain's `segment`-th segment, with this timestamp (a number
   * or a bigint: JavaScript compares the two exactly, and a safe-integer target is kept as a
   * number, so the usual case compares two numbers).
   */
  isAfter(segment: number, offset: number, timestamp: bigint | number): boolean {
    if (this.time) return this.time.exclusive ? timestamp >= this.cutMs : timestamp > this.cutMs;
    if (this.position) {
      const p = this.position.at;
      const at = { segment, offset };
      return this.position.exclusive ? !before(at, p) : before(p, at);
    }
    return false;
  }
}
