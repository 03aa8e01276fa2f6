/**
 * Locating a single flipped bit from a CRC-32 syndrome, without re-computing any CRC.
 *
 * The zlib CRC register r takes a byte x as r' = (r >>> 8) ^ T[(r ^ x) & 0xff], which is
 * linear in (r, x). Flipping bit b of the payload byte k (of L) therefore changes the final
 * CRC by f^(L-k)(1 << b), where f(v) = (v >>> 8) ^ T[v & 0xff] advances the register over a
 * zero byte; flipping bit j of the stored CRC changes the comparison by 1 << j. The syndrome
 * S = computed ^ stored of a range damaged by one flip is thus one of those values. Stepping S
 * backwards through f (f is invertible: the top byte of T[x] is a permutation of x) visits
 * f^-m(S) for m = 0, 1, … L; the m at which it becomes a single bit names the byte and bit.
 * One pass of L table steps, whatever the position. All single-bit syndromes are distinct
 * for any length below 2^32 bits, so at most one position can match.
 */

const POLY = 0xedb88320;
const T = new Uint32Array(256);
/** INV[top byte of T[x]] = x. */
const INV = new Uint8Array(256);

for (let x = 0; x < 256; x++) {
  let c = x;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
  T[x] = c >>> 0;
  INV[c >>> 24] = x;
}

/** f: the register advanced over one zero byte. */
export function stepZeroByte(v: number): number {
  return ((v >>> 8) ^ T[v & 0xff]!) >>> 0;
}

/** f^-1: the register before one zero byte. */
export function unstepZeroByte(w: number): number {
  const x = INV[w >>> 24]!;
  return (((w ^ T[x]!) << 8) | x) >>> 0;
}

/** A single flipped bit, as a bit offset in the range: byte * 8 + bit (bit 0 = least significant). */
export interface SyndromeMatch {
  readonly byte: number;
  readonly bit: number;
}

/**
 * Every position in a range of `payloadLength` bytes followed by its 4-byte stored CRC whose
 * single flip explains `syndrome` (= crc32(payload) ^ stored). At most one in theory; all are
 * returned, so that the caller can insist on exactly one.
 */
export function locateBySyndrome(syndrome: number, payloadLength: number): SyndromeMatch[] {
  const found: SyndromeMatch[] = [];
  let u = syndrome >>> 0;
  if (u === 0) return found;
  // m = 0: a flipped bit of the stored CRC (little-endian: byte i holds bits 8i..8i+7).
  if ((u & (u - 1)) === 0) {
    const j = 31 - Math.clz32(u);
    found.push({ byte: payloadLength + (j >>> 3), bit: j & 7 });
  }
  for (let m = 1; m <= payloadLength; m++) {
    u = unstepZeroByte(u);
    if (u < 256 && (u & (u - 1)) === 0 && u !== 0) found.push({ byte: payloadLength - m, bit: 31 - Math.clz32(u) });
  }
  return found;
}
