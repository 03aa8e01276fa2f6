// AssemblyScript, compiled to core/wal/wasm/json-members-wasm.ts by scripts/build-wasm.ts.
//
// A where's fast path over an entry's data bytes (core/inspector/query/where/data-members.ts):
// checks that the bytes are one JSON object and says where each of its members' key and value
// lie, so that only the values a query reads are decoded and converted. It takes a strict
// subset of what serde_json takes — no escapes, no byte past 0x7f outside strings, at most 64
// levels, no `$…` first key (serde_json's number token), at most MAX_MEMBERS members — and
// answers -1 (not sure) for anything else, valid or not: the caller then parses the whole text.
// Bytes past 0x7f inside strings are taken as they are: the caller decodes them as the text
// path does (TextDecoder, invalid sequences as U+FFFD, never a control character).

// Memory map (bytes): member spans at MEMBERS (4 u32 each: key start, key end, value start,
// value end, as offsets from INPUT; a key's span is inside its quotes), the data at INPUT. The
// caller grows memory for the data plus 16 bytes.
export const MAX_MEMBERS: u32 = 4096;
export const MEMBERS: usize = 0;
export const INPUT: usize = 0x10000;
const MAX_DEPTH: i32 = 64;

const QUOTE: u32 = 0x22;
const BACKSLASH: u32 = 0x5c;

@inline
function u8At(p: usize): u32 {
  return <u32>load<u8>(p);
}

function ws(p: usize, end: usize): usize {
  while (p < end) {
    const c = u8At(p);
    if (c != 0x20 && c != 0x0a && c != 0x0d && c != 0x09) break;
    p++;
  }
  return p;
}

/** A string's body from `p` (after its opening quote): the position after its closing quote, or 0 (an escape, a control character, no end). */
function str(p: usize, end: usize): usize {
  const quote = i8x16.splat(0x22);
  const backslash = i8x16.splat(0x5c);
  const control = i8x16.splat(0x20);
  while (p + 16 <= end) {
    const v = v128.load(p);
    const stop = i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, quote), i8x16.eq(v, backslash)), i8x16.lt_u(v, control)));
    if (stop != 0) {
      p += <usize>ctz(stop);
      break;
    }
    p += 16;
  }
  while (p < end) {
    const c = u8At(p);
    if (c == QUOTE) return p + 1;
    if (c == BACKSLASH || c < 0x20) return 0;
    p++;
  }
  return 0;
}

@inline
function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}

/** RFC 8259's number at `p`: the position after it, or 0. A digit after a leading 0 is refused by the caller's next check. */
function num(p: usize, end: usize): usize {
  if (p < end && u8At(p) == 0x2d) p++;
  if (p >= end) return 0;
  const first = u8At(p++);
  if (first == 0x30) {
    // nothing: a digit after it fails where the value must end
  } else if (first >= 0x31 && first <= 0x39) {
    while (p < end && isDigit(u8At(p))) p++;
  } else return 0;
  if (p < end && u8At(p) == 0x2e) {
    const digits = ++p;
    while (p < end && isDigit(u8At(p))) p++;
    if (p == digits) return 0;
  }
  if (p < end && (u8At(p) | 0x20) == 0x65) {
    p++;
    if (p < end && (u8At(p) == 0x2b || u8At(p) == 0x2d)) p++;
    const digits = p;
    while (p < end && isDigit(u8At(p))) p++;
    if (p == digits) return 0;
  }
  return p;
}

function word(p: usize, end: usize, w: u32, n: usize): usize {
  // `w`: the word's bytes, little-endian (true, null: 4; false: its last 4 after the f).
  if (p + n > end) return 0;
  return load<u32>(p + n - 4) == w ? p + n : 0;
}

/** The value at `p` (after whitespace): the position after it, or 0. */
function value(p: usize, end: usize, depth: i32): usize {
  p = ws(p, end);
  if (p >= end) return 0;
  const c = u8At(p);
  if (c == QUOTE) return str(p + 1, end);
  if (c == 0x7b || c == 0x5b) {
    if (depth >= MAX_DEPTH) return 0;
    const close: u32 = c + 2; // } or ]
    p = ws(p + 1, end);
    if (p < end && u8At(p) == close) return p + 1;
    for (;;) {
      if (c == 0x7b) {
        if (p >= end || u8At(p) != QUOTE) return 0;
        p = str(p + 1, end);
        if (p == 0) return 0;
        p = ws(p, end);
        if (p >= end || u8At(p) != 0x3a) return 0;
        p++;
      }
      p = value(p, end, depth + 1);
      if (p == 0) return 0;
      p = ws(p, end);
      if (p >= end) return 0;
      const d = u8At(p);
      if (d == close) return p + 1;
      if (d != 0x2c) return 0;
      p = ws(p + 1, end);
    }
  }
  if (c == 0x2d || isDigit(c)) return num(p, end);
  if (c == 0x74) return word(p, end, 0x65757274, 4); // true
  if (c == 0x6e) return word(p, end, 0x6c6c756e, 4); // null
  if (c == 0x66) return word(p, end, 0x65736c61, 5); // false: "alse"
  return 0;
}

/** Checks `len` bytes at INPUT as one object: its member count (spans at MEMBERS), or -1. */
export function members(len: usize): i32 {
  const end = INPUT + len;
  let p = ws(INPUT, end);
  if (p >= end || u8At(p) != 0x7b) return -1;
  p = ws(p + 1, end);
  let n: u32 = 0;
  if (p < end && u8At(p) == 0x7d) return ws(p + 1, end) == end ? 0 : -1;
  for (;;) {
    if (p >= end || u8At(p) != QUOTE || n == MAX_MEMBERS) return -1;
    const keyStart = p + 1;
    p = str(keyStart, end);
    if (p == 0) return -1;
    // serde_json reads an object whose first key is its number token as a number: not here.
    if (n == 0 && p > keyStart + 1 && u8At(keyStart) == 0x24) return -1;
    const keyEnd = p - 1;
    p = ws(p, end);
    if (p >= end || u8At(p) != 0x3a) return -1;
    const valueStart = ws(p + 1, end);
    p = value(valueStart, end, 1);
    if (p == 0) return -1;
    const at = MEMBERS + (<usize>n << 4);
    store<u32>(at, <u32>(keyStart - INPUT));
    store<u32>(at + 4, <u32>(keyEnd - INPUT));
    store<u32>(at + 8, <u32>(valueStart - INPUT));
    store<u32>(at + 12, <u32>(p - INPUT));
    n++;
    p = ws(p, end);
    if (p >= end) return -1;
    const d = u8At(p);
    if (d == 0x7d) return ws(p + 1, end) == end ? <i32>n : -1;
    if (d != 0x2c) return -1;
    p = ws(p + 1, end);
  }
  return -1; // not reached: the loop returns
}
