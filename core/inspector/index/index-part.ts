import { BinaryScanner, SCAN_END } from '../../wal/binary-scanner.js';
import { ByteWindow, FileByteSource } from '../../wal/byte-source.js';
import { chunkViews, CHUNK_MASK, CHUNK_SHIFT } from './index-layout.js';
import type { DamageNote } from './index-messages.js';
import { scanSegment } from './index-scan.js';
import { IndexWriter } from './index-writer.js';

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
}

export interface PartRequest {
  readonly file: string;
  readonly segment: number;
  readonly from: number;
  /** Records that start before this (Infinity: to the end). */
  readonly stop: number;
  readonly engine?: 'wasm' | 'typescript';
  readonly idsUtf8?: boolean;
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
  const source = FileByteSource.open(r.file, r.file);
  let end: number;
  try {
    end = scanSegment(writer, new ByteWindow(source), {
      segment: r.segment, format: 'binary', startAt: r.from, stop: r.stop, holdIncompleteTail: false, tick: () => true,
      ...(r.engine ? { engine: r.engine } : {}), idsUtf8: r.idsUtf8 ?? false,
    });
  } finally {
    source.close();
  }
  writer.flush(0);
  const idBytes = Buffer.concat(ids.map((x) => x.bytes));
  const idLengths = new Uint16Array(ids.reduce((n, x) => n + x.lengths.length, 0));
  let at = 0;
  for (const x of ids) {
    idLengths.set(x.lengths, at);
    at += x.lengths.length;
  }
  const rows = writer.rows;
  const start = rows > 0 ? chunkViews(chunks[0]!).offset[0]! : end;
  return { chunks, rows, idBytes: new Uint8Array(idBytes.buffer, idBytes.byteOffset, idBytes.length), idLengths, damage, start, end, lastTime: writer.lastTime };
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
    return new BinaryScanner(new ByteWindow(source, 1 << 20)).findNextValid(from, source.size());
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
