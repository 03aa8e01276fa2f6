import { idText } from '../wal/fixed-bytes.js';
import type { TransactionFate, TransactionInfo } from './transaction-fates.js';
import { ensureLength, TxIdTable } from './tx-id-table.js';
import type { EntryPosition } from './verify-types.js';

/** A transaction's state: no Begin yet (only a Commit/Rollback), open, or decided. */
const NO_BEGIN = 0;
const OPEN = 1;
const COMMITTED = 2;
const ROLLED_BACK = 3;
/** Flag: an operation carried the id before its first Begin (a late Begin changes its fate). */
const OPS_BEFORE_BEGIN = 4;
/** Flag: operations may have carried the id before it was kept here (a Begin or Rollback then needs them). */
const LATE_RISK = 8;
/** Flag: a Rollback carried the id. */
const SAW_ROLLBACK = 16;

/**
 * Transaction fates (FORMAT.md, "Recovery", committed-only) kept as the chain streams by, per
 * transaction and never per entry: only ids that have a Begin, Commit or Rollback are kept,
 * in a TxIdTable. An operation whose id has none is standalone; its id goes into a Bloom filter
 * instead, so that a Begin arriving for it later (a transaction written after its operations,
 * which Sentinel does not do) is noticed. It matters only when that transaction ends rolled
 * back or never ends (a committed one is the same as standalone writes), or a Rollback names
 * it: then `needsSecondPass()` says so, and the caller reads the chain again with the fates of
 * this pass (`settle()`), exact from the start. A Bloom filter's false positive costs at most
 * that second read, never a wrong answer.
 */
export class FateBook {
  private readonly table = new TxIdTable();
  private state = new Uint8Array(1024);
  private ops = new Uint32Array(1024);
  private beginOffset = new Float64Array(1024);
  private beginSegment = new Uint32Array(1024);
  private readonly segments: string[] = [];
  private readonly segmentIndex = new Map<string, number>();
  private readonly bloom = new Uint32Array(1 << 22); // 2^27 bits, 16 MiB

  /** `settled`: fates of a whole first pass (ops are then counted, never late). */
  constructor(private readonly settled = false) {}

  /** Fed every Begin, Commit and Rollback in replay order; the id's index (`known`: it, when the caller looked it up). */
  control(type: 'Begin' | 'Commit' | 'Rollback', id: Uint8Array, at: EntryPosition, known = this.table.find(id)): number {
    if (this.settled) return known;
    let i = known;
    if (i < 0) {
      i = this.grow(this.table.insert(id));
      if (this.bloomHas(id)) this.state[i] = LATE_RISK;
    }
    const flags = this.state[i]! & ~3;
    const s = this.state[i]! & 3;
    if (type === 'Rollback') this.state[i]! |= SAW_ROLLBACK;
    if (type === 'Begin') {
      if (s !== NO_BEGIN) return i;
      this.state[i] = OPEN | flags | (flags & OPS_BEFORE_BEGIN ? LATE_RISK : 0);
      this.beginSegment[i] = this.segmentOf(at.segment);
      this.beginOffset[i] = at.offset;
    } else if (s === OPEN) this.state[i] = (type === 'Commit' ? COMMITTED : ROLLED_BACK) | (this.state[i]! & ~3);
    return i;
  }

  /**
   * After a whole pass: whether operations that went by before their transaction was known
   * can change the answer (the transaction was rolled back, never ended, or saw a Rollback).
   */
  needsSecondPass(): boolean {
    if (this.settled) return false;
    for (let i = 0; i < this.table.size; i++) {
      const v = this.state[i]!;
      if (v & LATE_RISK && ((v & 3) === ROLLED_BACK || (v & 3) === OPEN || v & SAW_ROLLBACK)) return true;
    }
    return false;
  }

  /**
   * Fed every Insert/Update/Delete; returns the transaction's index, or -1 for a standalone id.
   * Its fate now: final once decided (or when `settled`), 'open' while its Commit may come.
   */
  operation(id: Uint8Array): number {
    const i = this.table.find(id);
    if (i < 0) {
      if (!this.settled) this.bloomAdd(id);
      return -1;
    }
    if ((this.state[i]! & 3) === NO_BEGIN) this.state[i]! |= OPS_BEFORE_BEGIN;
    this.ops[i]!++;
    return i;
  }

  /** The fate of index `i` so far; undefined for no Begin (standalone). */
  fateAt(i: number): TransactionFate | 'open' | undefined {
    if (i < 0) return undefined;
    switch (this.state[i]! & 3) {
      case NO_BEGIN: return undefined;
      case OPEN: return this.settled ? 'unterminated' : 'open';
      case COMMITTED: return 'committed';
      default: return 'rolled-back';
    }
  }

  /** The index of an id, -1 when it has no Begin, Commit or Rollback so far. */
  indexOf(id: Uint8Array): number {
    return this.table.find(id);
  }

  /** The index of the id whose text is `text`, -1 when it has no Begin, Commit or Rollback. */
  indexOfText(text: string): number {
    return this.table.findText(text);
  }

  /** The final fate (call after the last record); undefined for a standalone id. */
  fateOf(i: number): TransactionFate | undefined {
    const f = this.fateAt(i);
    return f === 'open' ? 'unterminated' : f;
  }

  /** A copy for a second pass, fates decided from the start and operations counted afresh. */
  settle(): FateBook {
    const book = new FateBook(true);
    Object.assign(book, { table: this.table, state: this.state.map((s) => s & 3), beginOffset: this.beginOffset, beginSegment: this.beginSegment });
    book.segments.push(...this.segments);
    for (const [k, v] of this.segmentIndex) book.segmentIndex.set(k, v);
    return book;
  }

  /** Transactions opened by a Begin and never decided, in the order of their ids' first control entry. */
  *unterminated(): Generator<TransactionInfo> {
    for (let i = 0; i < this.table.size; i++) {
      if ((this.state[i]! & 3) !== OPEN) continue;
      yield {
        transactionId: this.table.text(i), fate: 'unterminated',
        begin: { segment: this.segments[this.beginSegment[i]!]!, offset: this.beginOffset[i]! }, operations: this.ops[i]!,
      };
    }
  }

  private grow(i: number): number {
    const n = i + 1;
    this.state = ensureLength(this.state, n, (l) => new Uint8Array(l));
    this.ops = ensureLength(this.ops, n, (l) => new Uint32Array(l));
    this.beginOffset = ensureLength(this.beginOffset, n, (l) => new Float64Array(l));
    this.beginSegment = ensureLength(this.beginSegment, n, (l) => new Uint32Array(l));
    return i;
  }

  private segmentOf(name: string): number {
    let i = this.segmentIndex.get(name);
    if (i === undefined) {
      this.segmentIndex.set(name, (i = this.segments.length));
      this.segments.push(name);
    }
    return i;
  }

  private bloomAdd(id: Uint8Array): void {
    const [a, b] = hashes(id);
    const bits = this.bloom.length * 32;
    for (let k = 0; k < 3; k++) {
      const bit = (a + k * b) % bits;
      this.bloom[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  private bloomHas(id: Uint8Array): boolean {
    const [a, b] = hashes(id);
    const bits = this.bloom.length * 32;
    for (let k = 0; k < 3; k++) {
      const bit = (a + k * b) % bits;
      if ((this.bloom[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

const encoder = new TextEncoder();

/** Ids compare by text: one that is not ASCII is hashed by its text (as TxIdTable keys it). */
function hashes(raw: Uint8Array): [number, number] {
  let ascii = true;
  for (let i = 0; i < raw.length; i++) if (raw[i]! >= 0x80) ascii = false;
  const id = ascii ? raw : encoder.encode(idText(raw).text);
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < id.length; i++) {
    a = Math.imul(a ^ id[i]!, 0x01000193);
    b = Math.imul(b ^ id[i]!, 0x5bd1e995);
  }
  return [(a ^ (a >>> 13)) >>> 0, ((b ^ (b >>> 15)) | 1) >>> 0];
}
