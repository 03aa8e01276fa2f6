// AssemblyScript, compiled to core/wal/wasm/entry-scan-wasm.ts by scripts/build-wasm.ts.
//
// The indexers' fast path: decodes a run of intact-looking binary WAL entries laid end to end
// in linear memory and writes their index fields as columns. It accepts an entry only when
// the TypeScript decoder (binary-layout.ts, CHECK_STRUCTURE) would; anything unusual — an
// overlong varint, a length it does not handle, bytes that end inside the entry — ends the
// run, and the caller reads on with the TypeScript scanner, which owns every damage rule.
// The run's CRCs are checked by the caller with one zlib.crc32 call against `runCrc`
// (see crc32-chain.ts); this module never decides that an entry is intact on its own.

// Memory map (bytes). The caller writes the CRC shift tables at TABLES and file bytes at
// INPUT and beyond, growing memory for its chunk size.
export const MAX_RUN: u32 = 4096;
export const COL_OFFSET: u32 = 0x10000; // u32 position of the entry in memory
export const COL_LENGTH: u32 = COL_OFFSET + 4 * MAX_RUN; // u32
export const COL_TIMESTAMP: u32 = COL_LENGTH + 4 * MAX_RUN; // f64, as binary-layout's layoutTimestampNumber
export const COL_TX_LO: u32 = COL_TIMESTAMP + 8 * MAX_RUN; // u32, id-hash.ts lane 0
export const COL_TX_HI: u32 = COL_TX_LO + 4 * MAX_RUN; // u32, lane 1
export const COL_DOC_START: u32 = COL_TX_HI + 4 * MAX_RUN; // u32 memory position
export const COL_DOC_LEN: u32 = COL_DOC_START + 4 * MAX_RUN; // u32
export const COL_DOC_HASH: u32 = COL_DOC_LEN + 4 * MAX_RUN; // u32, id-interner.ts hash
export const COL_COL_START: u32 = COL_DOC_HASH + 4 * MAX_RUN; // u32 memory position
export const COL_COL_LEN: u32 = COL_COL_START + 4 * MAX_RUN; // u32
export const COL_TYPE: u32 = COL_COL_LEN + 4 * MAX_RUN; // u8
export const COL_HAS_DATA: u32 = COL_TYPE + MAX_RUN; // u8
export const COL_SAME_COL: u32 = COL_HAS_DATA + MAX_RUN; // u8: same collection bytes as the entry before it in the run
export const COL_TS_LO: u32 = COL_SAME_COL + MAX_RUN; // u32: the timestamp's low 32 bits
export const COL_TS_HI: u32 = COL_TS_LO + 4 * MAX_RUN; // u32: its high 32 bits
export const COL_DATA_LEN: u32 = COL_TS_HI + 4 * MAX_RUN; // u32: data bytes (0 without data)
export const COL_IDS_UTF8: u32 = COL_DATA_LEN + 4 * MAX_RUN; // u8: 1 when the transaction, collection and document ids are valid UTF-8 (with SCAN_IDS_UTF8)
export const TABLES: u32 = 0x50000; // 32 tables of 4 × 256 u32 (crc32-chain.ts POW_TABLES)
export const INPUT: u32 = TABLES + 32 * 4096;

const RESIDUE: u32 = 0x2144df1c;

/** scan() flag: fill COL_IDS_UTF8 (statistics want it; indexes do not, and it costs ~6 %). */
export const SCAN_IDS_UTF8: u32 = 1;

/** After scan(): where the run ends, and the CRC-32 its bytes must have if every entry is intact. */
export let runEnd: u32 = 0;
export let runCrc: u32 = 0;

// @ts-ignore: decorator
@inline function u8At(p: usize): u32 {
  return <u32>load<u8>(p);
}

/** Advances a CRC register over `len` zero bytes (crc32-chain.ts crc32Shift). */
function crcShift(v: u32, len: u32): u32 {
  let t: usize = TABLES;
  while (len != 0 && v != 0) {
    if (len & 1) {
      v = load<u32>(t + ((v & 255) << 2)) ^ load<u32>(t + 1024 + (((v >>> 8) & 255) << 2))
        ^ load<u32>(t + 2048 + (((v >>> 16) & 255) << 2)) ^ load<u32>(t + 3072 + ((v >>> 24) << 2));
    }
    len >>>= 1;
    t += 4096;
  }
  return v;
}

function fmix(h: u32): u32 {
  h ^= h >>> 16;
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  h *= 0xc2b2ae35;
  h ^= h >>> 16;
  return h;
}

/** Strict UTF-8 (as node:buffer.isUtf8): ASCII 16 bytes at a time, other characters one by one. */
function validUtf8(p: usize, end: usize): bool {
  while (p < end) {
    while (p + 16 <= end && i8x16.bitmask(v128.load(p)) == 0) p += 16;
    if (p >= end) break;
    const b0 = u8At(p);
    if (b0 < 0x80) {
      p++;
      continue;
    }
    if (b0 < 0xc2) return false;
    if (b0 < 0xe0) {
      if (p + 2 > end || (u8At(p + 1) & 0xc0) != 0x80) return false;
      p += 2;
      continue;
    }
    if (b0 < 0xf0) {
      if (p + 3 > end) return false;
      const b1 = u8At(p + 1);
      const lo: u32 = b0 == 0xe0 ? 0xa0 : 0x80;
      const hi: u32 = b0 == 0xed ? 0x9f : 0xbf;
      if (b1 < lo || b1 > hi || (u8At(p + 2) & 0xc0) != 0x80) return false;
      p += 3;
      continue;
    }
    if (b0 > 0xf4 || p + 4 > end) return false;
    const b1 = u8At(p + 1);
    const lo: u32 = b0 == 0xf0 ? 0x90 : 0x80;
    const hi: u32 = b0 == 0xf4 ? 0x8f : 0xbf;
    if (b1 < lo || b1 > hi || (u8At(p + 2) & 0xc0) != 0x80 || (u8At(p + 3) & 0xc0) != 0x80) return false;
    p += 4;
  }
  return true;
}

/** id-interner.ts's hash of an id's bytes. */
function internHash(p: usize, len: u32): u32 {
  const end = p + len;
  let h: u32 = 0x811c9dc5 ^ len;
  for (; p + 4 <= end; p += 4) {
    h = (h ^ load<u32>(p)) * 0x01000193;
    h ^= h >>> 13;
  }
  for (; p < end; p++) h = (h ^ u8At(p)) * 0x01000193;
  return fmix(h);
}

function sameBytes(a: usize, b: usize, len: u32): bool {
  let i: u32 = 0;
  for (; i + 4 <= len; i += 4) if (load<u32>(a + i) != load<u32>(b + i)) return false;
  for (; i < len; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}

/** An id length (≤ 256): one or two varint bytes; -1 for anything else. */
function idLength(p: usize, limit: usize): i32 {
  if (p >= limit) return -1;
  const b0 = u8At(p);
  if (b0 < 0x80) return <i32>b0;
  if (p + 1 >= limit) return -1;
  const b1 = u8At(p + 1);
  if (b1 >= 0x80 || b1 == 0) return -1;
  const v = (b0 & 0x7f) | (b1 << 7);
  return v > 256 ? -1 : <i32>v;
}

/**
 * Decodes entries from `start` while they lie whole before `limit` and start before `stop`,
 * at most `maxEntries` (≤ MAX_RUN). Returns how many; `runEnd` and `runCrc` describe them.
 */
export function scan(start: u32, limit: u32, stop: u32, maxEntries: u32, flags: u32): u32 {
  if (maxEntries > MAX_RUN) maxEntries = MAX_RUN;
  let pos: usize = start;
  let k: u32 = 0;
  let crc: u32 = 0;
  let prevCol: usize = 0;
  let prevColLen: i32 = -1;
  let prevColUtf8 = true;
  while (k < maxEntries && pos < <usize>stop) {
    let p = pos;
    if (p + 36 > <usize>limit) break;
    const type = u8At(p);
    if (type > 5 || u8At(p + 1) != 32) break;
    const tx = p + 2;
    p += 34;
    const colLen = idLength(p, limit);
    if (colLen < 0) break;
    p += colLen < 0x80 ? 1 : 2;
    const col = p;
    p += <usize>colLen;
    const docLen = idLength(p, limit);
    if (docLen < 0) break;
    p += docLen < 0x80 ? 1 : 2;
    const doc = p;
    p += <usize>docLen;
    // Timestamp: a u64 varint, added up in doubles exactly as layoutTimestampNumber does.
    let ts: f64 = 0;
    let scale: f64 = 1;
    let exact: u64 = 0;
    let n: u32 = 0;
    for (;;) {
      if (p >= <usize>limit) return finish(k, pos, crc);
      const b = u8At(p);
      if (n == 9 && b > 1) return finish(k, pos, crc);
      ts += <f64>(b & 0x7f) * scale;
      exact |= <u64>(b & 0x7f) << (<u64>n * 7);
      scale *= 128;
      p++;
      n++;
      if (b < 0x80) break;
      if (n == 10) return finish(k, pos, crc);
    }
    if (p >= <usize>limit) break;
    const tag = u8At(p);
    p++;
    let hasData: u8 = 0;
    let dataLen: u32 = 0;
    if (tag == 1) {
      // Data length: up to 5 varint bytes (< 2^35); longer ones are left to the TypeScript decoder.
      let len: u64 = 0;
      let shift: u64 = 0;
      let i: u32 = 0;
      for (;;) {
        if (p >= <usize>limit || i == 5) return finish(k, pos, crc);
        const b = u8At(p);
        len |= <u64>(b & 0x7f) << shift;
        shift += 7;
        p++;
        i++;
        if (b < 0x80) break;
      }
      if (<u64>p + len + 4 > <u64>limit) break;
      if (!validUtf8(p, p + <usize>len)) break;
      p += <usize>len;
      hasData = 1;
      dataLen = <u32>len;
    } else if (tag != 0) {
      break;
    }
    if (p + 4 > <usize>limit) break;
    const end = p + 4;
    const length = <u32>(end - pos);

    store<u32>(COL_OFFSET + 4 * k, <u32>pos);
    store<u32>(COL_LENGTH + 4 * k, length);
    store<f64>(COL_TIMESTAMP + 8 * k, ts);
    // id-hash.ts hashId over the 32 transaction id bytes.
    let a: u32 = 0x811c9dc5 ^ 32;
    let c: u32 = 0x9e3779b9 ^ 32;
    for (let w: usize = 0; w < 32; w += 4) {
      const v = load<u32>(tx + w);
      a = (a ^ v) * 0x01000193;
      c = ((c ^ v) * 0x5bd1e995) ^ (c >>> 15);
    }
    store<u32>(COL_TX_LO + 4 * k, fmix(a ^ (c >>> 7)));
    store<u32>(COL_TX_HI + 4 * k, fmix(c ^ (a * 0x27d4eb2d)));
    store<u32>(COL_DOC_START + 4 * k, <u32>doc);
    store<u32>(COL_DOC_LEN + 4 * k, <u32>docLen);
    store<u32>(COL_DOC_HASH + 4 * k, internHash(doc, <u32>docLen));
    store<u32>(COL_COL_START + 4 * k, <u32>col);
    store<u32>(COL_COL_LEN + 4 * k, <u32>colLen);
    store<u8>(COL_TYPE + k, <u8>type);
    store<u8>(COL_HAS_DATA + k, hasData);
    const sameCol = prevColLen == colLen && sameBytes(prevCol, col, <u32>colLen);
    store<u8>(COL_SAME_COL + k, sameCol ? 1 : 0);
    store<u32>(COL_TS_LO + 4 * k, <u32>exact);
    store<u32>(COL_TS_HI + 4 * k, <u32>(exact >>> 32));
    store<u32>(COL_DATA_LEN + 4 * k, dataLen);
    if (flags & SCAN_IDS_UTF8) {
      if (!sameCol) prevColUtf8 = validUtf8(col, col + <usize>colLen);
      const idsUtf8 = prevColUtf8 && validUtf8(tx, tx + 32) && validUtf8(doc, doc + <usize>docLen);
      store<u8>(COL_IDS_UTF8 + k, idsUtf8 ? 1 : 0);
    }
    prevCol = col;
    prevColLen = colLen;

    crc = RESIDUE ^ crcShift(crc, length);
    pos = end;
    k++;
  }
  return finish(k, pos, crc);
}

function finish(k: u32, pos: usize, crc: u32): u32 {
  runEnd = <u32>pos;
  runCrc = crc;
  return k;
}
