/** A run of one byte value, relative to the bytes it was found in. */
export interface ByteRun {
  readonly offset: number;
  readonly length: number;
}

/** The longest run of `value` in bytes[from, to) (length 0 when there is none). */
export function longestRun(bytes: Uint8Array, value: number, from = 0, to = bytes.length): ByteRun {
  let best = { offset: from, length: 0 };
  let start = -1;
  for (let i = from; i < to; i++) {
    if (bytes[i] === value) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start > best.length) best = { offset: start, length: i - start };
      start = -1;
    }
  }
  if (start >= 0 && to - start > best.length) best = { offset: start, length: to - start };
  return best;
}

/** How many bytes at the end of bytes[0, to) equal `value`. */
export function trailingRun(bytes: Uint8Array, value: number, to = bytes.length): number {
  let i = to;
  while (i > 0 && bytes[i - 1] === value) i--;
  return to - i;
}

/** Share of printable ASCII (and tab, CR, LF) bytes, 0..1. */
export function textShare(bytes: Uint8Array): number {
  if (bytes.length === 0) return 0;
  let n = 0;
  for (const b of bytes) if ((b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13) n++;
  return n / bytes.length;
}
