import { BinaryScanner, SCAN_DAMAGE, SCAN_END } from './binary-scanner.js';
import { ByteWindow, FileByteSource } from './byte-source.js';
import { IdInterner } from './id-interner.js';
import { indexRange, type SegmentIndex } from './segment-index.js';

/**
 * Joins the parts of a parallel scan. Part k holds the records that start in [cut k, cut k+1).
 * Normally part k ends exactly at cut k+1. If it ends past it (its last entry contained the
 * cut — a valid-looking entry inside another's data), the records of part k+1 that begin
 * before that end are dropped and the file is rescanned serially until it lands on a record
 * start of part k+1, so the result always equals a serial scan.
 */
export function mergeIndexes(file: string, parts: SegmentIndex[]): SegmentIndex {
  const fixed: SegmentIndex[] = [parts[0]!];
  for (let k = 1; k < parts.length; k++) {
    const prev = fixed[fixed.length - 1]!;
    let next = parts[k]!;
    if (prev.end !== firstStart(next)) {
      const starts = new Set<number>([...next.offsets, ...next.damage.map((d) => d.offset)]);
      const resume = alignedStart(file, prev.end, starts);
      const bridge = indexRange(file, prev.end, resume);
      fixed.push(bridge);
      next = dropBefore(next, resume);
    }
    fixed.push(next);
  }
  return concat(fixed);
}

function firstStart(p: SegmentIndex): number {
  const e = p.count > 0 ? p.offsets[0]! : Infinity;
  const d = p.damage.length > 0 ? p.damage[0]!.offset : Infinity;
  return Math.min(e, d, p.end);
}

/** Scans serially from `from` until a record starts at a position in `starts` (or the end). */
function alignedStart(file: string, from: number, starts: Set<number>): number {
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

function dropBefore(p: SegmentIndex, pos: number): SegmentIndex {
  let i = 0;
  while (i < p.count && p.offsets[i]! < pos) i++;
  return {
    ...p, count: p.count - i, offsets: p.offsets.subarray(i), lengths: p.lengths.subarray(i), types: p.types.subarray(i),
    timestamps: p.timestamps.subarray(i), collections: p.collections.subarray(i), documents: p.documents.subarray(i),
    txHashLo: p.txHashLo.subarray(i), txHashHi: p.txHashHi.subarray(i), txAt: p.txAt.subarray(i), hasData: p.hasData.subarray(i), damage: p.damage.filter((d) => d.offset >= pos),
  };
}

function concat(parts: SegmentIndex[]): SegmentIndex {
  const count = parts.reduce((n, p) => n + p.count, 0);
  const out: SegmentIndex = {
    count, offsets: new Float64Array(count), lengths: new Uint32Array(count), types: new Uint8Array(count),
    timestamps: new Float64Array(count), collections: new Uint32Array(count), documents: new Uint32Array(count),
    txHashLo: new Uint32Array(count), txHashHi: new Uint32Array(count), txAt: new Uint8Array(count), hasData: new Uint8Array(count), ids: parts[0]!.ids, damage: [], end: parts[parts.length - 1]!.end,
  };
  // The first part's ids keep their numbers; the others are interned into its table.
  const interner = IdInterner.from(parts[0]!.ids);
  let at = 0;
  for (const [k, p] of parts.entries()) {
    // Re-number each part's interned ids into one table.
    const remap = new Uint32Array(p.ids.count);
    if (k === 0) for (let i = 0; i < p.ids.count; i++) remap[i] = i;
    else for (let i = 0; i < p.ids.count; i++) remap[i] = interner.intern(p.ids.pool, p.ids.starts[i]!, p.ids.lengths[i]!);
    out.offsets.set(p.offsets.subarray(0, p.count), at);
    out.lengths.set(p.lengths.subarray(0, p.count), at);
    out.types.set(p.types.subarray(0, p.count), at);
    out.timestamps.set(p.timestamps.subarray(0, p.count), at);
    out.hasData.set(p.hasData.subarray(0, p.count), at);
    out.txHashLo.set(p.txHashLo.subarray(0, p.count), at);
    out.txHashHi.set(p.txHashHi.subarray(0, p.count), at);
    out.txAt.set(p.txAt.subarray(0, p.count), at);
    for (let i = 0; i < p.count; i++) {
      out.collections[at + i] = remap[p.collections[i]!]!;
      out.documents[at + i] = remap[p.documents[i]!]!;
    }
    for (const d of p.damage) out.damage.push(d); // not push(...): a damaged file can have more records than call arguments fit
    at += p.count;
  }
  out.ids = interner.export();
  return out;
}
