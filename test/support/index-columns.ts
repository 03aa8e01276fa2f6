import { indexPart } from '../../core/inspector/index/index-part.js';
import { FLAG_HAS_DATA, TYPE_DAMAGE, chunkViews, CHUNK_MASK, CHUNK_SHIFT } from '../../core/inspector/index/index-layout.js';
import type { InternedIds } from '../../core/wal/id-interner.js';

/** The product index of a range of a binary segment, as one column per field over its entry rows (damage apart). */
export interface IndexedRange {
  count: number;
  offsets: Float64Array;
  lengths: Uint32Array;
  types: Uint8Array;
  timestamps: Float64Array;
  collections: Uint32Array;
  documents: Uint32Array;
  txHashLo: Uint32Array;
  txHashHi: Uint32Array;
  txAt: Uint8Array;
  hasData: Uint8Array;
  dataBytes: Uint32Array;
  ids: InternedIds;
  damage: { offset: number; length: number; damage: string; detail: string }[];
  end: number;
}

/** Indexes the records of `file` that start in [from, stop) with the product's index (index-part.ts), in this thread. */
export function indexRange(file: string, from = 0, stop = Infinity, engine: 'wasm' | 'typescript' = 'wasm'): IndexedRange {
  const part = indexPart({ file, segment: 0, from, stop, engine });
  const n = part.rows - part.damage.length;
  const out: IndexedRange = {
    count: n, offsets: new Float64Array(n), lengths: new Uint32Array(n), types: new Uint8Array(n), timestamps: new Float64Array(n),
    collections: new Uint32Array(n), documents: new Uint32Array(n), txHashLo: new Uint32Array(n), txHashHi: new Uint32Array(n),
    txAt: new Uint8Array(n), hasData: new Uint8Array(n), dataBytes: new Uint32Array(n), ids: internedIds(part.idBytes, part.idLengths),
    damage: part.damage.map((d) => ({ offset: d.offset, length: d.length, damage: d.damage, detail: d.detail })), end: part.end,
  };
  let i = 0;
  for (let r = 0; r < part.rows; r++) {
    const c = chunkViews(part.chunks[r >>> CHUNK_SHIFT]!);
    const k = r & CHUNK_MASK;
    if (c.type[k] === TYPE_DAMAGE) continue;
    out.offsets[i] = c.offset[k]!;
    out.lengths[i] = c.length[k]!;
    out.types[i] = c.type[k]!;
    out.timestamps[i] = c.time[k]!;
    out.collections[i] = c.collection[k]!;
    out.documents[i] = c.document[k]!;
    out.txHashLo[i] = c.txLo[k]!;
    out.txHashHi[i] = c.txHi[k]!;
    out.txAt[i] = c.txAt[k]!;
    out.hasData[i] = c.flags[k]! & FLAG_HAS_DATA;
    out.dataBytes[i] = c.dataBytes[k]!;
    i++;
  }
  return out;
}

function internedIds(pool: Uint8Array, lengths: Uint16Array): InternedIds {
  const starts = new Uint32Array(lengths.length);
  for (let k = 1; k < starts.length; k++) starts[k] = starts[k - 1]! + lengths[k - 1]!;
  return { count: lengths.length, pool, starts, lengths, hashes: new Uint32Array(lengths.length) };
}
