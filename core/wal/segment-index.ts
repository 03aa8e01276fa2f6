import * as fs from 'node:fs';
import { layoutTimestampNumber } from './binary-layout.js';
import { BinaryScanner, SCAN_DAMAGE, SCAN_END } from './binary-scanner.js';
import { ByteWindow, FileByteSource, type ByteSource } from './byte-source.js';
import { readRaw } from './segment-reader.js';
import type { DamageKind } from './records.js';
import type { IndexWorkerPool } from './segment-index-pool.js';
import { mergeIndexes } from './segment-index-merge.js';
import { IdInterner, type InternedIds } from './id-interner.js';
import { hashHi, hashId, hashLo } from './id-hash.js';
import { entryScanKernel, type EntryScanKernel } from './wasm/entry-scan.js';

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

class IndexBuilder {
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
  damage: SegmentIndex['damage'] = [];

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

  addEntry(s: BinaryScanner, buf: Uint8Array): void {
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

  /** Appends the entries of a run the WebAssembly scanner accepted; `base` is the file position of its chunk. */
  addRun(kernel: EntryScanKernel, k: number, base: number): void {
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
      txHashLo: this.txHashLo.subarray(0, n), txHashHi: this.txHashHi.subarray(0, n), txAt: this.txAt.subarray(0, n), hasData: this.hasData.subarray(0, n), ids: this.interner.export(), damage: this.damage, end,
    };
  }
}

/** The WebAssembly scanner's runs stop this far short of the chunk's end, or at the file's end. */
const RUN_BYTES = 1 << 20;

/**
 * Indexes the records that start in [from, stop) of a binary segment file (stop = Infinity:
 * to the end). Runs of intact entries go through the WebAssembly scanner, one CRC call per
 * run; at anything else (damage, a run failing its check, an entry larger than the chunk,
 * an unusual encoding) the TypeScript scanner reads on, so records are exactly a serial
 * `BinaryScanner.next()` loop's. `engine: 'typescript'` is that loop alone (the reference the
 * tests hold the fast path to).
 */
export function indexRange(file: string, from = 0, stop = Infinity, engine: 'wasm' | 'typescript' = 'wasm'): SegmentIndex {
  const source = FileByteSource.open(file, file);
  try {
    const size = source.size();
    const window = new ByteWindow(source);
    const scanner = new BinaryScanner(window);
    const kernel = entryScanKernel();
    const chunk = kernel.chunk;
    const b = new IndexBuilder();
    let chunkStart = 0;
    let chunkLen = 0;
    // Moves the chunk to start at `at`, keeping the bytes it already holds from there on.
    const refill = (at: number) => {
      const keep = at >= chunkStart && at < chunkStart + chunkLen ? chunkStart + chunkLen - at : 0;
      if (keep > 0) chunk.copyWithin(0, at - chunkStart, chunkLen);
      chunkStart = at;
      chunkLen = keep + source.readInto(chunk, keep, at + keep, Math.min(chunk.length, size - at) - keep);
    };
    let pos = from;
    /** Up to here the TypeScript scanner reads, entry by entry. */
    let slowUntil = engine === 'wasm' ? from : Infinity;
    // After a run fails its check, shorter runs narrow down the damaged entry; TypeScript
    // then reads only the last few entries around it.
    let runEntries = kernel.maxRun;
    while (pos < stop && pos < size) {
      if (pos >= slowUntil) {
        let rel = pos - chunkStart;
        if (rel < 0 || rel >= chunkLen || (chunkLen - rel < RUN_BYTES && chunkStart + chunkLen < size)) {
          refill(pos);
          rel = 0;
        }
        const k = kernel.scanRun(rel, chunkLen, Math.min(chunkLen, rel + RUN_BYTES, stop - chunkStart), runEntries);
        if (k > 0) {
          b.addRun(kernel, k, chunkStart);
          pos = chunkStart + kernel.runEnd;
          runEntries = Math.min(kernel.maxRun, runEntries * 2);
          continue;
        }
        if (k < 0 && runEntries > 8) {
          runEntries = Math.ceil(runEntries / 4);
          continue;
        }
        slowUntil = k < 0 ? chunkStart + kernel.runEnd : pos + 1;
      }
      scanner.pos = pos;
      const step = scanner.next();
      if (step === SCAN_END) break;
      if (step === SCAN_DAMAGE) {
        b.damage.push({ offset: scanner.damageOffset, length: scanner.damageLength, damage: scanner.damageKind, detail: scanner.damageDetail });
      } else {
        b.addEntry(scanner, window.buf);
      }
      pos = scanner.pos;
    }
    return b.finish(pos);
  } finally {
    source.close();
  }
}

/** First position ≥ from where a whole valid entry starts (file end if none). */
export function nextEntryStart(file: string, from: number): number {
  const source = FileByteSource.open(file, file);
  try {
    const scanner = new BinaryScanner(new ByteWindow(source, 1 << 20));
    return scanner.findNextValid(from, source.size());
  } finally {
    source.close();
  }
}


/**
 * Indexes a binary segment on several threads: the file is cut at entry boundaries found
 * by resynchronisation, each part is scanned by a worker, and the parts are merged. The
 * result is the same as one serial scan (checked at each seam; see mergeIndexes).
 */
export async function indexFileParallel(file: string, pool: IndexWorkerPool): Promise<SegmentIndex> {
  const size = fs.statSync(file).size;
  const parts = pool.size;
  if (parts <= 1 || size < 8 << 20) return indexRange(file);
  const cuts = [0];
  for (let k = 1; k < parts; k++) cuts.push(Math.max(cuts[k - 1]!, nextEntryStart(file, Math.floor((size * k) / parts))));
  cuts.push(Infinity);
  const indexes = await Promise.all(cuts.slice(0, -1).map((from, k) => pool.index(file, from, cuts[k + 1]!)));
  return mergeIndexes(file, indexes);
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
