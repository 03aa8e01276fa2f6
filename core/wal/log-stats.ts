import { ENTRY_TYPES, type EntryType } from './entry-type.js';
import { idText } from './fixed-bytes.js';
import { hashId, hashLo } from './id-hash.js';
import { IdInterner } from './id-interner.js';
import type { DamageKind, WalRecord } from './records.js';

/** A summary of a log, like pg_waldump --stats. Counts are plain integers. */
export interface LogStats {
  entries: number;
  entryBytes: number;
  dataBytes: number;
  byType: Record<EntryType, { count: number; bytes: number }>;
  byCollection: Record<string, number>;
  segments: { name: string; entries: number; bytes: number; damaged: number }[];
  /** Milliseconds as decimal strings (u64 may exceed 2^53); null when there are no entries. */
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  transactions: { withBegin: number; committed: number; rolledBack: number; unterminated: number; standalone: number };
  damage: { ranges: number; bytes: number; byKind: Partial<Record<DamageKind, number>> };
  invalidUtf8Ids: number;
}

const BEGIN = ENTRY_TYPES.indexOf('Begin');
const COMMIT = ENTRY_TYPES.indexOf('Commit');
const ROLLBACK = ENTRY_TYPES.indexOf('Rollback');
const enum Tx { Unseen = 0, Open = 1, Committed = 2, RolledBack = 3 }

/** Bytes [start, end) of `buf` without trailing zero padding: the end. */
function trimmedEnd(buf: Uint8Array, start: number, end: number): number {
  while (end > start && buf[end - 1] === 0) end--;
  return end;
}

/**
 * Accumulates statistics one record at a time (so callers can stream), either from records
 * (`add`) or from an entry's fields (`addEntry`, for scanners that build no entry objects).
 * Transactions are told apart by their id bytes without padding.
 */
export class LogStatsBuilder {
  private readonly stats: LogStats = {
    entries: 0, entryBytes: 0, dataBytes: 0,
    byType: Object.fromEntries(ENTRY_TYPES.map((t) => [t, { count: 0, bytes: 0 }])) as LogStats['byType'],
    byCollection: {}, segments: [], firstTimestamp: null, lastTimestamp: null,
    transactions: { withBegin: 0, committed: 0, rolledBack: 0, unterminated: 0, standalone: 0 },
    damage: { ranges: 0, bytes: 0, byKind: {} }, invalidUtf8Ids: 0,
  };
  private readonly byType = ENTRY_TYPES.map(() => ({ count: 0, bytes: 0 }));
  // Timestamps as two 32-bit halves: exact over the whole u64 range, no bigint per entry.
  private minHi = Infinity;
  private minLo = 0;
  private maxHi = -1;
  private maxLo = 0;
  private readonly collections = new IdInterner();
  private collectionCounts = new Float64Array(16);
  private readonly transactions = new IdInterner();
  private txState = new Uint8Array(1024);
  private txNoBegin = new Uint8Array(1024);
  private noBegin = 0;
  private segment: LogStats['segments'][number] | undefined;

  /** Lists a segment even when it holds no record (an empty active segment after a checkpoint). */
  beginSegment(name: string): void {
    this.segmentNamed(name);
  }

  private segmentNamed(name: string): LogStats['segments'][number] {
    let seg = this.segment;
    if (!seg || seg.name !== name) {
      seg = { name, entries: 0, bytes: 0, damaged: 0 };
      this.stats.segments.push(seg);
      this.segment = seg;
    }
    return seg;
  }

  /** The collection's number (its id bytes without padding). */
  collection(buf: Uint8Array, start: number, len: number): number {
    const id = this.collections.intern(buf, start, trimmedEnd(buf, start, start + len) - start);
    if (id >= this.collectionCounts.length) this.collectionCounts = grown(this.collectionCounts, new Float64Array(id * 2));
    return id;
  }

  /**
   * The transaction's number. `hash`, when given, is id-hash's lane 0 of all `len` bytes
   * (the WebAssembly scanner's); it is used only when there is no padding to trim.
   */
  transaction(buf: Uint8Array, start: number, len: number, hash = -1): number {
    const end = trimmedEnd(buf, start, start + len);
    if (hash < 0 || end !== start + len) {
      hashId(buf, start, end - start);
      hash = hashLo();
    }
    const id = this.transactions.internHashed(buf, start, end - start, hash);
    if (id >= this.txState.length) {
      this.txState = grown(this.txState, new Uint8Array(id * 2));
      this.txNoBegin = grown(this.txNoBegin, new Uint8Array(id * 2));
    }
    return id;
  }

  addDamage(segment: string, offset: number, length: number, kind: DamageKind): void {
    const s = this.stats;
    const seg = this.segmentNamed(segment);
    seg.bytes = Math.max(seg.bytes, offset + length);
    seg.damaged++;
    s.damage.ranges++;
    s.damage.bytes += length;
    s.damage.byKind[kind] = (s.damage.byKind[kind] ?? 0) + 1;
  }

  /** One entry: `dataBytes` -1 without data; the timestamp as its high and low 32 bits. */
  addEntry(
    segment: string, offset: number, length: number, typeIndex: number, dataBytes: number,
    collection: number, transaction: number, tsHi: number, tsLo: number, idsUtf8Valid: boolean,
  ): void {
    const s = this.stats;
    const seg = this.segmentNamed(segment);
    seg.bytes = Math.max(seg.bytes, offset + length);
    seg.entries++;
    s.entries++;
    s.entryBytes += length;
    const t = this.byType[typeIndex]!;
    t.count++;
    t.bytes += length;
    if (dataBytes > 0) s.dataBytes += dataBytes;
    if (!idsUtf8Valid) s.invalidUtf8Ids++;
    this.collectionCounts[collection]!++;
    if (tsHi < this.minHi || (tsHi === this.minHi && tsLo < this.minLo)) {
      this.minHi = tsHi;
      this.minLo = tsLo;
    }
    if (tsHi > this.maxHi || (tsHi === this.maxHi && tsLo > this.maxLo)) {
      this.maxHi = tsHi;
      this.maxLo = tsLo;
    }
    const state = this.txState[transaction]!;
    if (typeIndex === BEGIN) {
      if (state === Tx.Unseen) this.txState[transaction] = Tx.Open;
      if (this.txNoBegin[transaction] === 1) {
        this.txNoBegin[transaction] = 0;
        this.noBegin--;
      }
    } else if (state === Tx.Open && (typeIndex === COMMIT || typeIndex === ROLLBACK)) {
      this.txState[transaction] = typeIndex === COMMIT ? Tx.Committed : Tx.RolledBack;
    } else if (state === Tx.Unseen && this.txNoBegin[transaction] === 0) {
      this.txNoBegin[transaction] = 1;
      this.noBegin++;
    }
  }

  add(record: WalRecord): void {
    if (record.kind === 'damage') {
      this.addDamage(record.segment, record.offset, record.length, record.damage);
      return;
    }
    const e = record.entry;
    const valid = idText(e.collection).utf8Valid && idText(e.transactionId).utf8Valid && idText(e.documentId).utf8Valid;
    this.addEntry(
      record.segment, record.offset, record.length, ENTRY_TYPES.indexOf(e.entryType),
      e.data === null ? -1 : Buffer.byteLength(e.data),
      this.collection(e.collection, 0, e.collection.length), this.transaction(e.transactionId, 0, e.transactionId.length),
      Number(e.timestamp >> 32n), Number(e.timestamp & 0xffffffffn), valid,
    );
  }

  result(): LogStats {
    const s = this.stats;
    ENTRY_TYPES.forEach((type, i) => (s.byType[type] = { ...this.byType[i]! }));
    s.byCollection = {};
    for (let id = 0; id < this.collections.count; id++) {
      // Keyed by text: ids whose bytes are not UTF-8 may share their lossy text.
      const text = idText(this.collections.bytes(id)).text;
      s.byCollection[text] = (s.byCollection[text] ?? 0) + this.collectionCounts[id]!;
    }
    const u64 = (hi: number, lo: number) => ((BigInt(hi) << 32n) | BigInt(lo)).toString();
    s.firstTimestamp = s.entries === 0 ? null : u64(this.minHi, this.minLo);
    s.lastTimestamp = s.entries === 0 ? null : u64(this.maxHi, this.maxLo);
    const t = { withBegin: 0, committed: 0, rolledBack: 0, unterminated: 0, standalone: this.noBegin };
    for (let id = 0; id < this.transactions.count; id++) {
      const state = this.txState[id]!;
      if (state === Tx.Unseen) continue;
      t.withBegin++;
      if (state === Tx.Committed) t.committed++;
      else if (state === Tx.RolledBack) t.rolledBack++;
      else t.unterminated++;
    }
    s.transactions = t;
    return s;
  }
}

function grown<T extends Uint8Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
