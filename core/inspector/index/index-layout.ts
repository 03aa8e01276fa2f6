/**
 * Memory layout of the row index, shared by the indexing worker (which writes) and the
 * service (which reads). Rows live in fixed-size chunks, each one SharedArrayBuffer holding
 * every column, so the service reads rows while the worker is still adding them.
 * 45 bytes per row: a million rows take 45 MB. Never the payloads. Collection and document ids
 * are interned (few, repeated); transaction ids (nearly all distinct) are kept as a 64-bit hash
 * of their bytes (trailing zero padding dropped, see id-hash.ts) and read from the file when
 * shown or when their bytes must be compared (see query/tx-ids.ts).
 */
export const CHUNK_SHIFT = 16;
export const ROWS_PER_CHUNK = 1 << CHUNK_SHIFT;
export const CHUNK_MASK = ROWS_PER_CHUNK - 1;
export const BYTES_PER_ROW = 45;

/** `type` column: 0..5 are entry types (wire order); this marks a damaged range. */
export const TYPE_DAMAGE = 6;
/** No id (damage rows). */
export const NO_ID = -1;
/** `txAt` of a JSON Lines row: the id is not stored as raw bytes; decode the line to read it. */
export const TX_IN_LINE = 255;

export const FLAG_HAS_DATA = 1;
/** The timestamp exceeds 2^53: `time` is rounded; read the exact value from the entry. */
export const FLAG_TS_INEXACT = 2;
/** The transaction id's bytes are not valid UTF-8 (set only when the index was asked to check ids: statistics). */
export const FLAG_TX_NOT_UTF8 = 4;

export interface RowChunk {
  /** Milliseconds (damage rows: the time of the entry before, or NaN). */
  readonly time: Float64Array;
  /** Byte offset in the decompressed segment. */
  readonly offset: Float64Array;
  readonly length: Uint32Array;
  readonly collection: Int32Array;
  readonly document: Int32Array;
  /** Transaction id hash, lane 0 (damage rows: 0). */
  readonly txLo: Uint32Array;
  /** Transaction id hash, lane 1. */
  readonly txHi: Uint32Array;
  /** Bytes of the entry's data (0 without data, and for damage rows). */
  readonly dataBytes: Uint32Array;
  readonly segment: Uint16Array;
  readonly type: Uint8Array;
  readonly flags: Uint8Array;
  /** Where the 32 transaction id bytes start, relative to `offset` (binary), or TX_IN_LINE (JSON Lines). */
  readonly txAt: Uint8Array;
}

export function newChunkBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(ROWS_PER_CHUNK * BYTES_PER_ROW);
}

/** Typed views over one chunk buffer (8-byte columns first, for alignment). */
export function chunkViews(sab: SharedArrayBuffer): RowChunk {
  const n = ROWS_PER_CHUNK;
  return {
    time: new Float64Array(sab, 0, n),
    offset: new Float64Array(sab, 8 * n, n),
    length: new Uint32Array(sab, 16 * n, n),
    collection: new Int32Array(sab, 20 * n, n),
    document: new Int32Array(sab, 24 * n, n),
    txLo: new Uint32Array(sab, 28 * n, n),
    txHi: new Uint32Array(sab, 32 * n, n),
    dataBytes: new Uint32Array(sab, 36 * n, n),
    segment: new Uint16Array(sab, 40 * n, n),
    type: new Uint8Array(sab, 42 * n, n),
    flags: new Uint8Array(sab, 43 * n, n),
    txAt: new Uint8Array(sab, 44 * n, n),
  };
}
