/**
 * A 64-bit hash of an id's bytes, as two 32-bit lanes. Transaction ids are nearly all
 * distinct (Sentinel gives every entry its own), so the index keeps their hash instead of
 * interning them; readers that need certainty compare the bytes (rare: only ids whose hashes
 * are equal). Two different ids share a hash with probability about n² / 2^65.
 */
let lo = 0;
let hi = 0;

/** Hashes bytes [start, start + len); read the lanes with hashLo() / hashHi(). */
export function hashId(buf: Uint8Array, start: number, len: number): void {
  let a = 0x811c9dc5 ^ len;
  let b = 0x9e3779b9 ^ len;
  const end = start + len;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const w = buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24);
    a = Math.imul(a ^ w, 0x01000193);
    b = Math.imul(b ^ w, 0x5bd1e995) ^ (b >>> 15);
  }
  for (; i < end; i++) {
    a = Math.imul(a ^ buf[i]!, 0x01000193);
    b = Math.imul(b ^ buf[i]!, 0x5bd1e995) ^ (b >>> 15);
  }
  lo = fmix(a ^ (b >>> 7));
  hi = fmix(b ^ Math.imul(a, 0x27d4eb2d));
}

export function hashLo(): number {
  return lo;
}

export function hashHi(): number {
  return hi;
}

/** murmur3's 32-bit finaliser. */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
