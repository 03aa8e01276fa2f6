import { hashHi, hashId, hashLo } from '../../wal/id-hash.js';
import { IdInterner } from '../../wal/id-interner.js';
import type { DamageKindName } from '../../contract/contract-types.js';
import type { DamageAnalysis } from '../../wal/damage/damage-types.js';
import {
  CHUNK_MASK, CHUNK_SHIFT, ROWS_PER_CHUNK, FLAG_HAS_DATA, FLAG_TS_INEXACT, FLAG_TX_NOT_UTF8, NO_ID, TYPE_DAMAGE, chunkViews, newChunkBuffer,
  type RowChunk,
} from './index-layout.js';
import type { DamageNote, WorkerMessage, WorkerSeed } from './index-messages.js';
import type { IndexPart } from './index-part.js';
import { RowCounter, type RowCountsData } from './row-counts.js';

const MAX_EXACT = Number.MAX_SAFE_INTEGER;
/** Columns appendPart copies as they are (ids are renumbered). */
const COPIED = ['time', 'offset', 'length', 'txLo', 'txHi', 'dataBytes', 'segment', 'type', 'flags', 'txAt'] as const;

/**
 * The worker's side of the row index: appends rows into shared chunks, interns collection and
 * document ids and hashes transaction ids (trailing zero padding dropped in both cases, so ids
 * compare as their text does), and announces new chunks, ids, damage and the committed row
 * count to the service through `post`.
 */
export class IndexWriter {
  rows = 0;
  /** Rows the service was told about. */
  private committed = 0;
  private readonly chunks: RowChunk[] = [];
  private readonly interner = new IdInterner();
  private announcedIds = 0;
  private damage: DamageNote[] = [];
  lastTime = Number.NaN;
  /** Where the last entry row went (setDataBytes, markTxNotUtf8). */
  private lastChunk: RowChunk | null = null;
  private lastIndex = 0;
  /** `stats`' counts of rows [0, counter.rows), made as the rows are indexed (countRows); null when not asked for. */
  private counter: RowCounter | null = null;

  constructor(private readonly post: (message: WorkerMessage, transfer?: ArrayBuffer[]) => void, seed?: WorkerSeed) {
    if (!seed) return;
    for (const sab of seed.chunks) this.chunks.push(chunkViews(sab));
    this.rows = seed.rows;
    this.committed = seed.rows;
    this.lastTime = seed.lastTime;
    let at = 0;
    for (const len of seed.idLengths) {
      this.interner.intern(seed.idBytes, at, len);
      at += len;
    }
    this.announcedIds = this.interner.count;
  }

  /** From now on, count the rows for `stats` (RowCounter) as they are indexed: see countTo and counts. */
  countRows(): void {
    this.counter ??= new RowCounter((id) => this.interner.bytes(id));
  }

  /** Whether rows are counted (countRows). */
  get counting(): boolean {
    return this.counter !== null;
  }

  /**
   * Counts the rows written since the last call (a piece's, while its columns are fresh). Rows
   * are final once written (a damage row's analysis may still change: it is not counted).
   */
  countTo(): void {
    const counter = this.counter;
    if (!counter) return;
    for (let r = counter.rows; r < this.rows;) {
      const at = r & CHUNK_MASK;
      const n = Math.min(ROWS_PER_CHUNK - at, this.rows - r);
      counter.count(this.chunks[r >>> CHUNK_SHIFT]!, at, n, r - at);
      r += n;
    }
  }

  /** The counts of every row so far (countRows), or null. */
  counts(): RowCountsData | null {
    this.countTo();
    return this.counter?.data() ?? null;
  }

  private chunkFor(row: number): RowChunk {
    const k = row >>> CHUNK_SHIFT;
    let chunk = this.chunks[k];
    if (!chunk) {
      const sab = newChunkBuffer();
      chunk = chunkViews(sab);
      this.chunks[k] = chunk;
      this.post({ t: 'chunk', sab });
    }
    return chunk;
  }

  /** Interns an id's bytes without its trailing zero padding. */
  intern(buf: Uint8Array, start: number, len: number): number {
    let end = start + len;
    while (end > start && buf[end - 1] === 0) end--;
    return this.interner.intern(buf, start, end - start);
  }

  /** `intern` given hashIdBytes of all `len` bytes (used when they have no padding to trim). */
  internHashed(buf: Uint8Array, start: number, len: number, hash: number): number {
    return len > 0 && buf[start + len - 1] === 0 ? this.intern(buf, start, len) : this.interner.internHashed(buf, start, len, hash);
  }

  addEntry(
    segment: number, offset: number, length: number, type: number, time: number, hasData: boolean,
    collection: number, document: number,
    /** The transaction id's bytes are tx[txStart, txStart + txLen); txAt: see RowChunk.txAt. */
    tx: Uint8Array, txStart: number, txLen: number, txAt: number,
  ): void {
    hashTransaction(tx, txStart, txLen);
    this.addHashedEntry(segment, offset, length, type, time, hasData, collection, document, hashLo(), hashHi(), txAt);
  }

  /** addEntry with the transaction id already hashed (hashTransaction's lanes). */
  addHashedEntry(
    segment: number, offset: number, length: number, type: number, time: number, hasData: boolean,
    collection: number, document: number, txLo: number, txHi: number, txAt: number,
  ): void {
    const row = this.rows++;
    const c = this.chunkFor(row);
    const i = row & CHUNK_MASK;
    c.time[i] = time;
    c.offset[i] = offset;
    c.length[i] = length;
    c.collection[i] = collection;
    c.document[i] = document;
    c.txLo[i] = txLo;
    c.txHi[i] = txHi;
    c.txAt[i] = txAt;
    c.dataBytes[i] = 0;
    c.segment[i] = segment;
    c.type[i] = type;
    c.flags[i] = (hasData ? FLAG_HAS_DATA : 0) | (time > MAX_EXACT ? FLAG_TS_INEXACT : 0);
    this.lastTime = time;
    this.lastChunk = c;
    this.lastIndex = i;
  }

  /**
   * Room for up to `want` entry rows from the next row on, within one chunk: the caller fills
   * every column of rows [at, at + n) of `chunk`, then calls advance(n).
   */
  span(want: number): { chunk: RowChunk; at: number; n: number } {
    const row = this.rows;
    const at = row & CHUNK_MASK;
    return { chunk: this.chunkFor(row), at, n: Math.min(want, ROWS_PER_CHUNK - at) };
  }

  /** `n` rows were filled through span(); `lastTime` is the last one's time. */
  advance(n: number, lastTime: number): void {
    this.rows += n;
    this.lastTime = lastTime;
    this.lastChunk = null;
  }

  /** The data's byte length of the entry just added. */
  setDataBytes(n: number): void {
    this.lastChunk!.dataBytes[this.lastIndex] = n;
  }

  /** The entry just added has a transaction id that is not valid UTF-8. */
  markTxNotUtf8(): void {
    this.lastChunk!.flags[this.lastIndex]! |= FLAG_TX_NOT_UTF8;
  }

  /** Adds a damaged range as the next row; returns its row. */
  addDamage(segment: number, offset: number, length: number, damage: DamageKindName, detail: string, analysis?: DamageAnalysis): number {
    const row = this.rows++;
    const c = this.chunkFor(row);
    const i = row & CHUNK_MASK;
    c.time[i] = this.lastTime;
    c.offset[i] = offset;
    c.length[i] = length;
    c.collection[i] = NO_ID;
    c.document[i] = NO_ID;
    c.txLo[i] = 0;
    c.txHi[i] = 0;
    c.txAt[i] = 0;
    c.dataBytes[i] = 0;
    c.segment[i] = segment;
    c.type[i] = TYPE_DAMAGE;
    c.flags[i] = 0;
    this.damage.push({ row, segment, offset, length, damage, detail, ...(analysis ? { analysis } : {}) });
    return row;
  }

  /**
   * A damage row's analysis, known better once the ranges after it were read (a joined
   * repair): changed in place while its note is unsent, else sent again as an amending note.
   */
  amendDamage(note: Omit<DamageNote, 'analysis' | 'amend'>, analysis: DamageAnalysis): void {
    for (let i = this.damage.length - 1; i >= 0 && this.damage[i]!.row >= note.row; i--) {
      if (this.damage[i]!.row === note.row && !this.damage[i]!.amend) {
        this.damage[i] = { ...this.damage[i]!, analysis };
        return;
      }
    }
    this.damage.push({ ...note, analysis, amend: true });
  }

  /**
   * Appends the rows [from, part.rows) of a part indexed elsewhere (another thread's scan of a
   * later range), as if this writer had scanned them: ids renumbered into this table, damage
   * notes moved to their new rows, and damaged ranges before the part's first entry given the
   * time of the entry before them here.
   */
  appendPart(part: IndexPart, from: number): void {
    const src = part.chunks.map(chunkViews);
    const remap = this.renumberPart(part, src, from);
    const shift = this.rows - from;
    // The part's own counts stand for its rows when all of them are taken and every row before is counted.
    this.countTo();
    if (this.counter && part.counts && from === 0) this.counter.merge(part.counts, remap, shift);
    let seenEntry = false;
    for (let r = from; r < part.rows;) {
      const sc = src[r >>> CHUNK_SHIFT]!;
      const si = r & CHUNK_MASK;
      const dc = this.chunkFor(this.rows);
      const di = this.rows & CHUNK_MASK;
      const n = Math.min(ROWS_PER_CHUNK - si, ROWS_PER_CHUNK - di, part.rows - r);
      for (const column of COPIED) dc[column].set(sc[column].subarray(si, si + n), di);
      let j = 0;
      // Damaged ranges before the part's first entry: the time of the entry before them here.
      for (; !seenEntry && j < n; j++) {
        if (sc.type[si + j] === TYPE_DAMAGE) dc.time[di + j] = this.lastTime;
        else seenEntry = true;
      }
      remapIds(sc.collection, dc.collection, remap, si, di, n);
      remapIds(sc.document, dc.document, remap, si, di, n);
      this.rows += n;
      r += n;
    }
    for (const d of part.damage) if (d.row >= from) this.damage.push({ ...d, row: d.row + shift });
    if (seenEntry) this.lastTime = part.lastTime;
    this.lastChunk = null;
  }

  /**
   * This table's number for each of the part's ids, interning the ones rows [from, part.rows)
   * use in the order they first appear there (so ids only dropped rows had are not added).
   * The part numbered its ids in first-use order, so from 0 that is simply id order; the row
   * walk is needed only when rows were dropped.
   */
  private renumberPart(part: IndexPart, src: readonly RowChunk[], from: number): Int32Array {
    const count = part.idLengths.length;
    const starts = new Uint32Array(count);
    for (let k = 1; k < count; k++) starts[k] = starts[k - 1]! + part.idLengths[k - 1]!;
    const remap = new Int32Array(count).fill(-1);
    const renumber = (k: number) => {
      if (k >= 0 && remap[k]! < 0) remap[k] = this.interner.intern(part.idBytes, starts[k]!, part.idLengths[k]!);
    };
    if (from === 0) {
      for (let k = 0; k < count; k++) renumber(k);
      return remap;
    }
    for (let r = from; r < part.rows; r++) {
      const c = src[r >>> CHUNK_SHIFT]!;
      const i = r & CHUNK_MASK;
      renumber(c.collection[i]!);
      renumber(c.document[i]!);
    }
    return remap;
  }

  /** Withdraws rows from `row` on (follow: an incomplete tail reported as damage). */
  retract(row: number): void {
    if (row >= this.rows) return;
    this.flush(-1);
    this.rows = row;
    this.committed = row;
    this.lastTime = Number.NaN;
    for (let r = row - 1; r >= 0; r--) {
      const c = this.chunks[r >>> CHUNK_SHIFT]!;
      if (c.type[r & CHUNK_MASK] !== TYPE_DAMAGE) {
        this.lastTime = c.time[r & CHUNK_MASK]!;
        break;
      }
    }
    this.post({ t: 'retract', rows: row });
  }

  /** Whether the last row is a damaged range. */
  lastRowIsDamage(): boolean {
    if (this.rows === 0) return false;
    const r = this.rows - 1;
    return this.chunks[r >>> CHUNK_SHIFT]!.type[r & CHUNK_MASK] === TYPE_DAMAGE;
  }

  lastRowOffset(): number {
    const r = this.rows - 1;
    return this.chunks[r >>> CHUNK_SHIFT]!.offset[r & CHUNK_MASK]!;
  }

  lastRowSegment(): number {
    const r = this.rows - 1;
    return r < 0 ? -1 : this.chunks[r >>> CHUNK_SHIFT]!.segment[r & CHUNK_MASK]!;
  }

  /** Sends new ids and damage, then commits the rows written so far. */
  flush(bytesDone: number): void {
    const count = this.interner.count;
    if (count > this.announcedIds) {
      const n = count - this.announcedIds;
      const lengths = new Uint16Array(n);
      const parts: Uint8Array[] = new Array(n);
      let total = 0;
      for (let k = 0; k < n; k++) {
        const b = this.interner.bytes(this.announcedIds + k);
        parts[k] = b;
        lengths[k] = b.length;
        total += b.length;
      }
      const bytes = new Uint8Array(total);
      let at = 0;
      for (let k = 0; k < n; k++) {
        bytes.set(parts[k]!, at);
        at += lengths[k]!;
      }
      this.announcedIds = count;
      this.post({ t: 'ids', bytes, lengths }, [bytes.buffer as ArrayBuffer, lengths.buffer as ArrayBuffer]);
    }
    if (this.damage.length > 0) {
      this.post({ t: 'damage', items: this.damage });
      this.damage = [];
    }
    if (bytesDone >= 0 && this.rows !== this.committed) {
      this.committed = this.rows;
      this.post({ t: 'rows', rows: this.rows, bytesDone });
    }
  }
}

/**
 * dst[di + j] = remap[src[si + j]] for j < n, NO_ID kept. Its own small function: appendPart
 * runs once per segment, and a loop inside it would run unoptimised for most of its rows.
 */
function remapIds(src: Int32Array, dst: Int32Array, remap: Int32Array, si: number, di: number, n: number): void {
  for (let j = 0; j < n; j++) {
    const id = src[si + j]!;
    dst[di + j] = id < 0 ? NO_ID : remap[id]!;
  }
}

/** Hashes a transaction id without its trailing zero padding; read the lanes with hashLo() / hashHi(). */
export function hashTransaction(buf: Uint8Array, start: number, len: number): void {
  let end = start + len;
  while (end > start && buf[end - 1] === 0) end--;
  hashId(buf, start, end - start);
}
