import * as fs from 'node:fs';
import { BinaryScanner, SCAN_END } from '../../wal/binary-scanner.js';
import { ByteWindow, FileByteSource } from '../../wal/byte-source.js';
import { chunkViews, CHUNK_MASK, CHUNK_SHIFT, TYPE_DAMAGE } from './index-layout.js';
import type { DamageNote } from './index-messages.js';
import { scanSegment, type HeldDamage } from './index-scan.js';
import { IndexWriter } from './index-writer.js';
import type { RowCountsData } from './row-counts.js';

/**
 * The rows of a range of one binary segment, indexed on their own (another thread's share of
 * a segment): the same rows the whole index writes, numbered from 0, with their own id table.
 * Chunks are shared memory, so handing a part to another thread copies nothing.
 */
export interface IndexPart {
  readonly chunks: SharedArrayBuffer[];
  readonly rows: number;
  /** The part's ids in id order: their bytes end to end, with their lengths. */
  readonly idBytes: Uint8Array;
  readonly idLengths: Uint16Array;
  readonly damage: DamageNote[];
  /** Where its first record starts (its end when it has none). */
  readonly start: number;
  /** Where its scan stopped: the end of its last record. */
  readonly end: number;
  readonly lastTime: number;
  /** Its last damage rows when nothing intact follows them (they may join what comes next). */
  readonly trailing: readonly HeldDamage[];
  /** `stats`' counts of its rows, made in the thread that indexed them (PartRequest.counts). */
  readonly counts?: RowCountsData;
}

export interface PartRequest {
  readonly file: string;
  readonly segment: number;
  readonly from: number;
  /** Records that start before this (Infinity: to the end). */
  readonly stop: number;
  readonly engine?: 'wasm' | 'typescript';
  readonly idsUtf8?: boolean;
  /** Also count its rows for `stats` (IndexPart.counts). */
  readonly counts?: boolean;
}

/** Indexes the records of a binary segment file that start in [from, stop). */
export function indexPart(r: PartRequest): IndexPart {
  const chunks: SharedArrayBuffer[] = [];
  const ids: { bytes: Uint8Array; lengths: Uint16Array }[] = [];
  const damage: DamageNote[] = [];
  const writer = new IndexWriter((m) => {
    if (m.t === 'chunk') chunks.push(m.sab);
    else if (m.t === 'ids') ids.push(m);
    else if (m.t === 'damage') for (const d of m.items) damage.push(d);
  });
  if (r.counts) writer.countRows();
  const source = FileByteSource.open(r.file, r.file);
  let end: number;
  let trailing: readonly HeldDamage[] = [];
  try {
    end = scanSegment(writer, new ByteWindow(source), {
      segment: r.segment, format: 'binary', startAt: r.from, stop: r.stop, holdIncompleteTail: false, tick: () => true,
      trailing: (held) => (trailing = held),
      ...(r.engine ? { engine: r.engine } : {}), idsUtf8: r.idsUtf8 ?? false,
    });
  } finally {
    source.close();
  }
  const counts = writer.counts();
  writer.flush(0);
  // Its own buffer (Buffer.concat may use Node's shared pool): it is transferred to another thread.
  const idBytes = new Uint8Array(ids.reduce((n, x) => n + x.bytes.length, 0));
  let byteAt = 0;
  for (const x of ids) {
    idBytes.set(x.bytes, byteAt);
    byteAt += x.bytes.length;
  }
  const idLengths = new Uint16Array(ids.reduce((n, x) => n + x.lengths.length, 0));
  let at = 0;
  for (const x of ids) {
    idLengths.set(x.lengths, at);
    at += x.lengths.length;
  }
  const rows = writer.rows;
  const start = rows > 0 ? chunkViews(chunks[0]!).offset[0]! : end;
  return { chunks, rows, idBytes, idLengths, damage, start, end, lastTime: writer.lastTime, trailing, ...(counts ? { counts } : {}) };
}

/**
 * Pieces of one segment shared by two threads: piece k covers the records that start in
 * [k * pieceBytes, (k + 1) * pieceBytes) (the last one: to the end). `claim` is one Int32,
 * (next piece from the front << 16) | (end of the pieces not yet taken from the back): the
 * first thread takes pieces from the front, the second from the back, until they meet, so
 * neither waits for the other however their speeds differ.
 */
export interface PiecesRequest {
  readonly file: string;
  readonly segment: number;
  readonly pieces: number;
  readonly pieceBytes: number;
  readonly claim: SharedArrayBuffer;
  readonly engine?: 'wasm' | 'typescript';
  readonly idsUtf8?: boolean;
  /** Count each piece's rows for `stats` (IndexPart.counts). */
  readonly counts?: boolean;
}

/** A piece's rows, indexed from the first entry that starts in it (see PiecesRequest). */
export interface PiecePart extends IndexPart {
  readonly piece: number;
}

/** Takes pieces from the front; -1 when none are left. */
export function claimFront(claim: Int32Array): number {
  for (;;) {
    const w = Atomics.load(claim, 0);
    const front = w >>> 16;
    const back = w & 0xffff;
    if (front >= back) return -1;
    if (Atomics.compareExchange(claim, 0, w, ((front + 1) << 16) | back) === w) return front;
  }
}

/** Takes pieces from the back; -1 when none are left. */
export function claimBack(claim: Int32Array): number {
  for (;;) {
    const w = Atomics.load(claim, 0);
    const front = w >>> 16;
    const back = w & 0xffff;
    if (front >= back) return -1;
    if (Atomics.compareExchange(claim, 0, w, (front << 16) | (back - 1)) === w) return back - 1;
  }
}

/** Indexes pieces taken from the back until none are left; in the order taken (last piece first). */
export function indexPieces(r: PiecesRequest): PiecePart[] {
  const claim = new Int32Array(r.claim);
  const size = fs.statSync(r.file).size;
  const out: PiecePart[] = [];
  for (let k; (k = claimBack(claim)) >= 0;) {
    const first = nextEntryStart(r.file, k * r.pieceBytes);
    const part = indexPart({
      file: r.file, segment: r.segment, from: first < 0 ? size : first, stop: k + 1 === r.pieces ? Infinity : (k + 1) * r.pieceBytes,
      ...(r.engine ? { engine: r.engine } : {}), idsUtf8: r.idsUtf8 ?? false, counts: r.counts ?? false,
    });
    out.push({ ...part, piece: k });
  }
  return out;
}

/** The offsets of a part's entry rows (where a serial scan may join it: see alignedStart). */
export function partEntryOffsets(part: IndexPart): number[] {
  const out: number[] = [];
  part.chunks.forEach((sab, k) => {
    const base = k << CHUNK_SHIFT;
    const n = Math.min(CHUNK_MASK + 1, part.rows - base);
    const v = chunkViews(sab);
    for (let i = 0; i < n; i++) if (v.type[i] !== TYPE_DAMAGE) out.push(v.offset[i]!);
  });
  return out;
}

/** The offset of every row of a part (to find where a serial scan meets it). */
export function partOffsets(part: IndexPart): Float64Array {
  const out = new Float64Array(part.rows);
  part.chunks.forEach((sab, k) => {
    const base = k << CHUNK_SHIFT;
    const n = Math.min(CHUNK_MASK + 1, part.rows - base);
    if (n > 0) out.set(chunkViews(sab).offset.subarray(0, n), base);
  });
  return out;
}

/** First position in [from, size) where a whole valid entry starts; -1 if none. */
export function nextEntryStart(file: string, from: number): number {
  const source = FileByteSource.open(file, file);
  try {
    // A small window: the entry found is usually within a few hundred bytes (it grows for a larger one).
    return new BinaryScanner(new ByteWindow(source, 64 << 10)).findNextValid(from, source.size());
  } finally {
    source.close();
  }
}

/**
 * Reads records serially from `from` until one starts at a position in `starts` (where a later
 * part's scan agrees from then on) or the file ends; returns that position.
 */
export function alignedStart(file: string, from: number, starts: ReadonlySet<number>): number {
  const source = FileByteSource.open(file, file);
  try {
    const s = new BinaryScanner(new ByteWindow(source));
    s.pos = from;
    while (!starts.has(s.pos)) if (s.next() === SCAN_END) break;
    return s.pos;
  } finally {
    source.close();
  }
}
