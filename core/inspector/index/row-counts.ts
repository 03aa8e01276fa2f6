import { isUtf8 } from '../../wal/utf8.js';
import { FLAG_HAS_DATA, FLAG_TS_INEXACT, FLAG_TX_NOT_UTF8, NO_ID, TYPE_DAMAGE, type RowChunk } from './index-layout.js';

/** What a segment's rows add up to (times: the exact ones only, ms; see RowCountsData.inexact). */
export interface SegmentCounts {
  entries: number;
  /** Where its last record ends. */
  bytes: number;
  damaged: number;
  damagedBytes: number;
  first: number;
  last: number;
}

/**
 * The counts `stats` makes over index rows that need no transaction grouping, as plain data (it
 * crosses from the index's second thread): made while the rows are indexed, per piece, in the
 * thread that indexed them, and added up in row order (see RowCounter.merge). Ids are the
 * numbers of the id table of the rows counted.
 */
export interface RowCountsData {
  /** Rows counted. */
  readonly rows: number;
  readonly entries: number;
  readonly entryBytes: number;
  readonly dataBytes: number;
  readonly withData: number;
  readonly minSize: number;
  readonly maxSize: number;
  /** Entry rows with a transaction, collection or document id that is not valid UTF-8. */
  readonly invalidUtf8Ids: number;
  /** Per entry type (wire order): entries and their bytes. */
  readonly typeCounts: readonly number[];
  readonly typeBytes: readonly number[];
  /** By segment number (a hole: no row of it). */
  readonly segments: readonly (SegmentCounts | undefined)[];
  /** Collection ids in order of first appearance, and their entries. */
  readonly collections: readonly number[];
  readonly collectionEntries: readonly number[];
  /** The distinct document ids of entry rows. */
  readonly documents: readonly number[];
  /** Entry rows whose time is past 2^53 (their exact time is read back). */
  readonly inexact: readonly number[];
}

const ENTRY_TYPE_COUNT = 6;

function grown<T extends Float64Array | Uint8Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  const b = make(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Adds up RowCountsData over rows as they come (count) or as another thread counted them
 * (merge). One implementation for every caller — the index's threads, and `stats` over a
 * session's or a filtered index — so the numbers cannot drift apart.
 */
export class RowCounter {
  rows = 0;
  private entries = 0;
  private entryBytes = 0;
  private dataBytes = 0;
  private withData = 0;
  private minSize = Infinity;
  private maxSize = 0;
  private invalidUtf8Ids = 0;
  private readonly typeCounts = new Float64Array(ENTRY_TYPE_COUNT);
  private readonly typeBytes = new Float64Array(ENTRY_TYPE_COUNT);
  private readonly segments: (SegmentCounts | undefined)[] = [];
  private collectionEntries = new Float64Array(64);
  private readonly collections: number[] = [];
  private documentSeen: Uint8Array = new Uint8Array(1024);
  private readonly documents: number[] = [];
  /** Per id: 0 not looked at, 1 valid UTF-8, 2 not. */
  private idValid: Uint8Array = new Uint8Array(1024);
  private readonly inexact: number[] = [];

  /** `idBytes`: an id's bytes in the table the counted rows' ids are numbers of. */
  constructor(private readonly idBytes: (id: number) => Uint8Array) {}

  private segment(k: number): SegmentCounts {
    return (this.segments[k] ??= { entries: 0, bytes: 0, damaged: 0, damagedBytes: 0, first: Infinity, last: -Infinity });
  }

  /** Looks at id `id`'s bytes once (the first row that has it); returns the validity array, which may have grown. */
  private lookUp(id: number): Uint8Array {
    if (id >= this.idValid.length) this.idValid = grown(this.idValid, id + 1, (n) => new Uint8Array(n));
    // Most ids are ASCII: told apart without a call (each piece looks at every id it uses once).
    const b = this.idBytes(id);
    let ascii = true;
    for (let i = 0; i < b.length && ascii; i++) ascii = b[i]! < 0x80;
    this.idValid[id] = ascii || isUtf8(b) ? 1 : 2;
    return this.idValid;
  }

  /** Counts rows [at, at + n) of `c`, which are rows base + at… of the index; with `keep`, only those marked 1 there. */
  count(c: RowChunk, at: number, n: number, base: number, keep?: Uint8Array): void {
    if (n <= 0) return;
    const { type: types, length: lengths, segment: segs, offset, dataBytes, collection, document, flags: flagsOf, time } = c;
    // Locals, not fields, in the loop (it runs for every row); the id arrays are re-read after they grow.
    const typeCounts = this.typeCounts;
    const typeBytes = this.typeBytes;
    let colEntries = this.collectionEntries;
    let docSeen: Uint8Array = this.documentSeen;
    let valid: Uint8Array = this.idValid;
    // The segment's counts in locals too, written back when the segment changes (rarely: a chunk is mostly one).
    let seg: SegmentCounts = this.segment(segs[at]!);
    let segNo = segs[at]!;
    let sBytes = seg.bytes;
    let sEntries = seg.entries;
    let sFirst = seg.first;
    let sLast = seg.last;
    let entries = 0;
    let entryBytes = 0;
    let data = 0;
    let withData = 0;
    let minSize = this.minSize;
    let maxSize = this.maxSize;
    let invalid = 0;
    for (let i = at; i < at + n; i++) {
      if (keep && keep[base + i] !== 1) continue;
      const type = types[i]!;
      const len = lengths[i]!;
      const s = segs[i]!;
      if (s !== segNo) {
        seg.bytes = sBytes;
        seg.entries = sEntries;
        seg.first = sFirst;
        seg.last = sLast;
        seg = this.segment(s);
        segNo = s;
        sBytes = seg.bytes;
        sEntries = seg.entries;
        sFirst = seg.first;
        sLast = seg.last;
      }
      const end = offset[i]! + len;
      if (end > sBytes) sBytes = end;
      if (type === TYPE_DAMAGE) {
        seg.damaged++;
        seg.damagedBytes += len;
        continue;
      }
      sEntries++;
      entries++;
      entryBytes += len;
      if (len < minSize) minSize = len;
      if (len > maxSize) maxSize = len;
      typeCounts[type]!++;
      typeBytes[type]! += len;
      data += dataBytes[i]!;
      const col = collection[i]!;
      if (col >= colEntries.length) colEntries = this.collectionEntries = grown(colEntries, col + 1, (k) => new Float64Array(k));
      if (colEntries[col]!++ === 0) this.collections.push(col);
      const doc = document[i]!;
      if (doc !== NO_ID) {
        if (doc >= docSeen.length) docSeen = this.documentSeen = grown(docSeen, doc + 1, (k) => new Uint8Array(k));
        if (docSeen[doc] === 0) {
          docSeen[doc] = 1;
          this.documents.push(doc);
        }
      }
      const flags = flagsOf[i]!;
      if ((flags & FLAG_HAS_DATA) !== 0) withData++;
      let bad = (flags & FLAG_TX_NOT_UTF8) !== 0;
      if (!bad && col >= 0) {
        const v = col < valid.length ? valid[col]! : 0;
        bad = v === 0 ? ((valid = this.lookUp(col)), valid[col] === 2) : v === 2;
      }
      if (!bad && doc >= 0) {
        const v = doc < valid.length ? valid[doc]! : 0;
        bad = v === 0 ? ((valid = this.lookUp(doc)), valid[doc] === 2) : v === 2;
      }
      if (bad) invalid++;
      if ((flags & FLAG_TS_INEXACT) !== 0) this.inexact.push(base + i);
      else {
        const t = time[i]!;
        if (t < sFirst) sFirst = t;
        if (t > sLast) sLast = t;
      }
    }
    seg.bytes = sBytes;
    seg.entries = sEntries;
    seg.first = sFirst;
    seg.last = sLast;
    this.entries += entries;
    this.entryBytes += entryBytes;
    this.dataBytes += data;
    this.withData += withData;
    this.minSize = minSize;
    this.maxSize = maxSize;
    this.invalidUtf8Ids += invalid;
    this.rows += n;
  }

  /**
   * Adds the counts of the rows that follow those counted so far, made elsewhere (another
   * thread's piece): `remap` turns their ids into this table's, `shift` their row numbers
   * into this index's.
   */
  merge(d: RowCountsData, remap: Int32Array, shift: number): void {
    this.entries += d.entries;
    this.entryBytes += d.entryBytes;
    this.dataBytes += d.dataBytes;
    this.withData += d.withData;
    this.minSize = Math.min(this.minSize, d.minSize);
    this.maxSize = Math.max(this.maxSize, d.maxSize);
    this.invalidUtf8Ids += d.invalidUtf8Ids;
    for (let t = 0; t < ENTRY_TYPE_COUNT; t++) {
      this.typeCounts[t]! += d.typeCounts[t]!;
      this.typeBytes[t]! += d.typeBytes[t]!;
    }
    d.segments.forEach((s, k) => {
      if (!s) return;
      const into = this.segment(k);
      into.entries += s.entries;
      into.bytes = Math.max(into.bytes, s.bytes);
      into.damaged += s.damaged;
      into.damagedBytes += s.damagedBytes;
      into.first = Math.min(into.first, s.first);
      into.last = Math.max(into.last, s.last);
    });
    d.collections.forEach((local, k) => {
      const col = remap[local]!;
      if (col >= this.collectionEntries.length) this.collectionEntries = grown(this.collectionEntries, col + 1, (n) => new Float64Array(n));
      if (this.collectionEntries[col] === 0) this.collections.push(col);
      this.collectionEntries[col]! += d.collectionEntries[k]!;
    });
    for (const local of d.documents) {
      const doc = remap[local]!;
      if (doc >= this.documentSeen.length) this.documentSeen = grown(this.documentSeen, doc + 1, (n) => new Uint8Array(n));
      if (this.documentSeen[doc] === 0) {
        this.documentSeen[doc] = 1;
        this.documents.push(doc);
      }
    }
    for (const row of d.inexact) this.inexact.push(row + shift);
    this.rows += d.rows;
  }

  data(): RowCountsData {
    return {
      rows: this.rows, entries: this.entries, entryBytes: this.entryBytes, dataBytes: this.dataBytes, withData: this.withData,
      minSize: this.minSize, maxSize: this.maxSize, invalidUtf8Ids: this.invalidUtf8Ids,
      typeCounts: Array.from(this.typeCounts), typeBytes: Array.from(this.typeBytes),
      segments: this.segments.map((s) => (s ? { ...s } : undefined)),
      collections: [...this.collections], collectionEntries: this.collections.map((c) => this.collectionEntries[c]!),
      documents: [...this.documents], inexact: [...this.inexact],
    };
  }
}
