import { layoutTimestampNumber } from './binary-layout.js';
import type { BinaryScanner } from './binary-scanner.js';
import { BinaryRunScanner, type RunVisitor } from './binary-run-scanner.js';
import { ByteWindow, FileByteSource, type ByteSource } from './byte-source.js';
import { readRaw } from './segment-reader.js';
import type { DamageKind } from './records.js';
import { IdInterner, type InternedIds } from './id-interner.js';
import { hashHi, hashId, hashLo } from './id-hash.js';
import type { EntryScanKernel } from './wasm/entry-scan.js';

/**
 * The columnar index of one binary segment: per entry only offsets and small fixed fields.
 * Collection and document ids (few, repeated) are interned into one table of their bytes;
 * transaction ids (nearly all distinct) are kept as a 64-bit hash and their position, and read
 * from the file when shown. Never the payloads: a million entries take about 40 MB.
 */
export interface SegmentIndex {
  count: number;
  offsets: Float64Array;
  lengths: Uint32Array;
  types: Uint8Array;
  /** Milliseconds as doubles (exact below 2^53). */
  timestamps: Float64Array;
  collections: Uint32Array;
  documents: Uint32Array;
  /** The transaction id's 64-bit hash: lane 0 (see id-hash.ts). */
  txHashLo: Uint32Array;
  /** Lane 1 of the hash. */
  txHashHi: Uint32Array;
  /** Where the 32 transaction id bytes start, relative to the entry's offset (2 unless a varint is overlong). */
  txAt: Uint8Array;
  hasData: Uint8Array;
  /** Interned collection and document id bytes (decode with idText for display). */
  ids: InternedIds;
  damage: { offset: number; length: number; damage: DamageKind; detail: string }[];
  /** Where the scan stopped (the end of the last record). */
  end: number;
}

class IndexBuilder implements RunVisitor {
  count = 0;
  offsets = new Float64Array(1024);
  lengths = new Uint32Array(1024);
  types = new Uint8Array(1024);
  timestamps = new Float64Array(1024);
  collections = new Uint32Array(1024);
  documents = new Uint32Array(1024);
  txHashLo = new Uint32Array(1024);
  txHashHi = new Uint32Array(1024);
  txAt = new Uint8Array(1024);
  hasData = new Uint8Array(1024);
  readonly interner = new IdInterner();
  /** A collection's WAL names one collection: compare with the last one before hashing. */
  private lastCollection = -1;
  damages: SegmentIndex['damage'] = [];

  private grow(): void {
    const n = this.offsets.length * 2;
    const g = <T extends Float64Array | Uint32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.offsets = g(this.offsets, (k) => new Float64Array(k));
    this.lengths = g(this.lengths, (k) => new Uint32Array(k));
    this.types = g(this.types, (k) => new Uint8Array(k));
    this.timestamps = g(this.timestamps, (k) => new Float64Array(k));
    this.collections = g(this.collections, (k) => new Uint32Array(k));
    this.documents = g(this.documents, (k) => new Uint32Array(k));
    this.txHashLo = g(this.txHashLo, (k) => new Uint32Array(k));
    this.txHashHi = g(this.txHashHi, (k) => new Uint32Array(k));
    this.txAt = g(this.txAt, (k) => new Uint8Array(k));
    this.hasData = g(this.hasData, (k) => new Uint8Array(k));
  }

  entry(s: BinaryScanner, buf: Uint8Array): void {
    if (this.count === this.offsets.length) this.grow();
    const i = this.count++;
    const l = s.layout;
    this.offsets[i] = s.entryOffset;
    this.lengths[i] = s.entryLength;
    this.types[i] = l.typeIndex;
    this.timestamps[i] = layoutTimestampNumber(buf, l);
    this.collections[i] = this.interner.matches(this.lastCollection, buf, l.colStart, l.colLen)
      ? this.lastCollection
      : (this.lastCollection = this.interner.intern(buf, l.colStart, l.colLen));
    this.documents[i] = this.interner.intern(buf, l.docStart, l.docLen);
    hashId(buf, l.txStart, 32);
    this.txHashLo[i] = hashLo();
    this.txHashHi[i] = hashHi();
    this.txAt[i] = l.txStart - (s.entryOffset - (s.window.start));
    this.hasData[i] = l.dataLen >= 0 ? 1 : 0;
  }

  damage(s: BinaryScanner): void {
    this.damages.push({ offset: s.damageOffset, length: s.damageLength, damage: s.damageKind, detail: s.damageDetail });
  }

  run(kernel: EntryScanKernel, k: number, base: number): void {
    while (this.count + k > this.offsets.length) this.grow();
    const n = this.count;
    const c = kernel.columns;
    const { bytes, u32, f64 } = kernel;
    const rel = base - kernel.input;
    for (let j = 0; j < k; j++) this.offsets[n + j] = u32[c.offset + j]! + rel;
    this.lengths.set(u32.subarray(c.length, c.length + k), n);
    this.types.set(bytes.subarray(c.type, c.type + k), n);
    this.timestamps.set(f64.subarray(c.timestamp, c.timestamp + k), n);
    this.txHashLo.set(u32.subarray(c.txLo, c.txLo + k), n);
    this.txHashHi.set(u32.subarray(c.txHi, c.txHi + k), n);
    this.txAt.fill(2, n, n + k); // the scanner only takes one-byte type and length varints
    this.hasData.set(bytes.subarray(c.hasData, c.hasData + k), n);
    const interner = this.interner;
    for (let j = 0; j < k; j++) {
      if (bytes[c.sameCollection + j] === 0) {
        const at = u32[c.colStart + j]!;
        const len = u32[c.colLen + j]!;
        if (!interner.matches(this.lastCollection, bytes, at, len)) this.lastCollection = interner.intern(bytes, at, len);
      }
      this.collections[n + j] = this.lastCollection;
      this.documents[n + j] = interner.internHashed(bytes, u32[c.docStart + j]!, u32[c.docLen + j]!, u32[c.docHash + j]!);
    }
    this.count = n + k;
  }

  finish(end: number): SegmentIndex {
    const n = this.count;
    // Views, not copies: the spare capacity is cheaper than a second copy of every column.
    return {
      count: n, offsets: this.offsets.subarray(0, n), lengths: this.lengths.subarray(0, n), types: this.types.subarray(0, n),
      timestamps: this.timestamps.subarray(0, n), collections: this.collections.subarray(0, n), documents: this.documents.subarray(0, n),
      txHashLo: this.txHashLo.subarray(0, n), txHashHi: this.txHashHi.subarray(0, n), txAt: this.txAt.subarray(0, n), hasData: this.hasData.subarray(0, n), ids: this.interner.export(), damage: this.damages, end,
    };
  }
}

/**
 * Indexes the records that start in [from, stop) of a binary segment file (stop = Infinity:
 * to the end), runs of intact entries through the WebAssembly scanner (see BinaryRunScanner).
 * `engine: 'typescript'` reads entry by entry (the reference the fast path is tested against).
 */
export function indexRange(file: string, from = 0, stop = Infinity, engine: 'wasm' | 'typescript' = 'wasm'): SegmentIndex {
  const source = FileByteSource.open(file, file);
  try {
    const b = new IndexBuilder();
    const scan = new BinaryRunScanner(new ByteWindow(source), { engine });
    scan.pos = from;
    while (scan.next(stop, b) > 0);
    return b.finish(scan.pos);
  } finally {
    source.close();
  }
}

/** The transaction id bytes of entry `i`, read from the segment. */
export function transactionIdBytes(index: SegmentIndex, i: number, source: ByteSource): Uint8Array {
  return readRaw(source, index.offsets[i]! + index.txAt[i]!, 32);
}

/** Whether entries i and j share a transaction id: by hash, confirmed by the bytes when the hashes agree. */
export function sameTransaction(index: SegmentIndex, i: number, j: number, source: ByteSource): boolean {
  if (index.txHashLo[i] !== index.txHashLo[j] || index.txHashHi[i] !== index.txHashHi[j]) return false;
  return Buffer.from(transactionIdBytes(index, i, source)).equals(transactionIdBytes(index, j, source));
}
