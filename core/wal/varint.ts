/** postcard varints: unsigned LEB128; u32 at most 5 bytes, u64 at most 10. */

export type BigVarintRead =
  | { readonly ok: true; readonly value: bigint; readonly end: number }
  | { readonly ok: false; readonly reason: 'truncated' | 'malformed' };

/** Reads a u64 varint exactly (timestamps). */
export function readVarintBigint(buf: Uint8Array, pos: number, end: number): BigVarintRead {
  // Fast path: up to 7 bytes fit in a double exactly (49 bits).
  let small = 0;
  let scale = 1;
  for (let i = 0; i < 7; i++) {
    if (pos + i >= end) return { ok: false, reason: 'truncated' };
    const byte = buf[pos + i]!;
    small += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return { ok: true, value: BigInt(small), end: pos + i + 1 };
    scale *= 128;
  }
  let value = BigInt(small);
  for (let i = 7; i < 10; i++) {
    if (pos + i >= end) return { ok: false, reason: 'truncated' };
    const byte = buf[pos + i]!;
    if (i === 9 && byte > 0x01) return { ok: false, reason: 'malformed' };
    value |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if ((byte & 0x80) === 0) return { ok: true, value, end: pos + i + 1 };
  }
  return { ok: false, reason: 'malformed' };
}

/** Bytes needed for a varint of this value. */
export function varintSize(value: number | bigint): number {
  let v = BigInt(value);
  let n = 1;
  while (v >= 0x80n) {
    v >>= 7n;
    n++;
  }
  return n;
}

/** Writes a varint at pos; returns the position after it. */
export function writeVarint(buf: Uint8Array, pos: number, value: number | bigint): number {
  if (typeof value === 'number' && value < 0x80) {
    buf[pos] = value;
    return pos + 1;
  }
  let v = BigInt(value);
  while (v >= 0x80n) {
    buf[pos++] = Number(v & 0x7fn) | 0x80;
    v >>= 7n;
  }
  buf[pos++] = Number(v);
  return pos;
}
