/**
 * Verifying many entries with one CRC call. Every intact entry E (fields + their CRC-32,
 * little-endian) has crc32(E) = RESIDUE. crc32 is affine in its initial value:
 * crc32(M, a) ^ crc32(M, b) = shift(a ^ b, |M|), where shift advances the CRC register over
 * |M| zero bytes (a linear map). So for entries E1..Ek laid end to end,
 *   crc32(E1..Ek) = X_k  with  X_0 = 0,  X_i = RESIDUE ^ shift(X_{i-1}, |E_i|).
 * One native crc32 call over the run then checks all k entries at once (the per-call cost of
 * zlib.crc32, not its speed, dominates for entries of a few hundred bytes). A mismatch only
 * says that some entry of the run is damaged; callers then check entry by entry.
 */
export const CRC32_RESIDUE = 0x2144df1c;

const POLY = 0xedb88320;

/** shift over 2^j zero bytes, as 4 byte-indexed tables of 256 each (j = 0..31). */
const TABLES: Uint32Array[] = [];
/** The same tables, for the WebAssembly scanner's copy (wasm/entry-scan.ts). */
export const POW_TABLES: readonly Uint32Array[] = TABLES;

function zeroByteStep(v: number): number {
  for (let k = 0; k < 8; k++) v = v & 1 ? (v >>> 1) ^ POLY : v >>> 1;
  return v >>> 0;
}

function tablesFromBasis(basis: Uint32Array): Uint32Array {
  // t[256*b + x] = image of the byte x at byte position b.
  const t = new Uint32Array(1024);
  for (let b = 0; b < 4; b++) {
    for (let x = 1; x < 256; x++) {
      const low = x & -x;
      t[256 * b + x] = (t[256 * b + (x ^ low)]! ^ basis[8 * b + 31 - Math.clz32(low)]!) >>> 0;
    }
  }
  return t;
}

function apply(t: Uint32Array, v: number): number {
  return (t[v & 255]! ^ t[256 + ((v >>> 8) & 255)]! ^ t[512 + ((v >>> 16) & 255)]! ^ t[768 + (v >>> 24)]!) >>> 0;
}

function build(): void {
  let basis = new Uint32Array(32);
  for (let i = 0; i < 32; i++) basis[i] = zeroByteStep((1 << i) >>> 0);
  TABLES.push(tablesFromBasis(basis));
  for (let j = 1; j < 32; j++) {
    const prev = TABLES[j - 1]!;
    const next = new Uint32Array(32);
    for (let i = 0; i < 32; i++) next[i] = apply(prev, apply(prev, (1 << i) >>> 0));
    basis = next;
    TABLES.push(tablesFromBasis(basis));
  }
}
build();

/** Advances a CRC register value over `len` zero bytes. */
export function crc32Shift(v: number, len: number): number {
  let j = 0;
  while (len > 0 && v !== 0) {
    if (len % 2 === 1) v = apply(TABLES[j]!, v);
    len = Math.floor(len / 2);
    j++;
  }
  return v;
}

/** The CRC-32 of a run of intact entries, given the previous value and the next entry's length. */
export function chainEntryCrc(previous: number, entryLength: number): number {
  return (CRC32_RESIDUE ^ crc32Shift(previous, entryLength)) >>> 0;
}
