/**
 * xxHash32 (seed 0 unless given): the checksum of the LZ4 frame format (header, block and
 * content checksums). Math.imul keeps every step in 32-bit integer arithmetic.
 */
const P1 = 0x9e3779b1;
const P2 = 0x85ebca77;
const P3 = 0xc2b2ae3d;
const P4 = 0x27d4eb2f;
const P5 = 0x165667b1;

function u32(b: Uint8Array, p: number): number {
  return b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
}

function round(acc: number, lane: number): number {
  acc = (acc + Math.imul(lane, P2)) | 0;
  acc = (acc << 13) | (acc >>> 19);
  return Math.imul(acc, P1);
}

export function xxh32(b: Uint8Array, start = 0, end = b.length, seed = 0): number {
  let p = start;
  const len = end - start;
  let h: number;
  if (len >= 16) {
    let v1 = (seed + P1 + P2) | 0;
    let v2 = (seed + P2) | 0;
    let v3 = seed | 0;
    let v4 = (seed - P1) | 0;
    const limit = end - 16;
    while (p <= limit) {
      v1 = round(v1, u32(b, p));
      v2 = round(v2, u32(b, p + 4));
      v3 = round(v3, u32(b, p + 8));
      v4 = round(v4, u32(b, p + 12));
      p += 16;
    }
    h = (((v1 << 1) | (v1 >>> 31)) + ((v2 << 7) | (v2 >>> 25)) + ((v3 << 12) | (v3 >>> 20)) + ((v4 << 18) | (v4 >>> 14))) | 0;
  } else {
    h = (seed + P5) | 0;
  }
  h = (h + len) | 0;
  return finish(h, b, p, end);
}

/** The last 0–15 bytes (b[p..end)) folded in, then the final avalanche: shared by both APIs. */
function finish(hash: number, b: Uint8Array, p: number, end: number): number {
  let h = hash;
  while (p + 4 <= end) {
    h = (h + Math.imul(u32(b, p), P3)) | 0;
    h = Math.imul((h << 17) | (h >>> 15), P4);
    p += 4;
  }
  while (p < end) {
    h = (h + Math.imul(b[p]!, P5)) | 0;
    h = Math.imul((h << 11) | (h >>> 21), P1);
    p++;
  }
  h ^= h >>> 15;
  h = Math.imul(h, P2);
  h ^= h >>> 13;
  h = Math.imul(h, P3);
  h ^= h >>> 16;
  return h >>> 0;
}

/** xxHash32 over bytes given in pieces (the LZ4 content checksum of a streamed frame). */
export class Xxh32Stream {
  private v1: number;
  private v2: number;
  private v3: number;
  private v4: number;
  private total = 0;
  /** Up to 15 bytes not yet folded into a 16-byte stripe. */
  private readonly tail = new Uint8Array(16);
  private tailLen = 0;

  constructor(private readonly seed = 0) {
    this.v1 = (seed + P1 + P2) | 0;
    this.v2 = (seed + P2) | 0;
    this.v3 = seed | 0;
    this.v4 = (seed - P1) | 0;
  }

  update(b: Uint8Array, start = 0, end = b.length): void {
    this.total += end - start;
    let p = start;
    if (this.tailLen > 0) {
      const take = Math.min(16 - this.tailLen, end - p);
      this.tail.set(b.subarray(p, p + take), this.tailLen);
      this.tailLen += take;
      p += take;
      if (this.tailLen < 16) return;
      this.stripe(this.tail, 0);
      this.tailLen = 0;
    }
    const limit = end - 16;
    while (p <= limit) {
      this.stripe(b, p);
      p += 16;
    }
    this.tail.set(b.subarray(p, end), 0);
    this.tailLen = end - p;
  }

  private stripe(b: Uint8Array, p: number): void {
    this.v1 = round(this.v1, u32(b, p));
    this.v2 = round(this.v2, u32(b, p + 4));
    this.v3 = round(this.v3, u32(b, p + 8));
    this.v4 = round(this.v4, u32(b, p + 12));
  }

  digest(): number {
    let h: number;
    if (this.total >= 16) {
      const { v1, v2, v3, v4 } = this;
      h = (((v1 << 1) | (v1 >>> 31)) + ((v2 << 7) | (v2 >>> 25)) + ((v3 << 12) | (v3 >>> 20)) + ((v4 << 18) | (v4 >>> 14))) | 0;
    } else {
      h = (this.seed + P5) | 0;
    }
    h = (h + this.total) | 0;
    const b = this.tail;
    const end = this.tailLen;
    return finish(h, b, 0, end);
  }
}
