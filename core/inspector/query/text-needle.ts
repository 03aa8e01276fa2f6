import { requiredLiterals } from './regex-literal.js';

const encoder = new TextEncoder();
const FOLD = new Uint8Array(256).map((_, b) => (b >= 0x41 && b <= 0x5a ? b + 32 : b));

/**
 * ASCII-lowercases `src[0, n)` into `dst` four bytes at a time (SWAR: a byte is an upper-case
 * letter when its 7 low bits lie in 0x41..0x5a and its high bit is clear; that byte gets 0x20
 * added). Both buffers start 4-byte aligned (own ArrayBuffers, offset 0). Bytes ≥ 0x80 stay.
 */
export function foldAsciiInto(src: Uint8Array, dst: Uint8Array, n: number): void {
  const words = n >>> 2;
  if (src.byteOffset % 4 === 0 && dst.byteOffset % 4 === 0) {
    // Int32 lanes and `| 0` keep every step in 32-bit integer registers (Uint32 values past 2^31 would be doubles).
    const s = new Int32Array(src.buffer, src.byteOffset, words);
    const d = new Int32Array(dst.buffer, dst.byteOffset, words);
    for (let i = 0; i < words; i++) {
      const x = s[i]! | 0;
      const low = x & 0x7f7f7f7f;
      const geA = (low + 0x3f3f3f3f) | 0; // high bit set where the byte ≥ 0x41
      const gtZ = (low + 0x25252525) | 0; // high bit set where the byte > 0x5a
      const upper = (geA ^ gtZ) & ~x & (0x80808080 | 0);
      d[i] = x | (upper >>> 2);
    }
  } else {
    for (let i = 0; i < words * 4; i++) dst[i] = FOLD[src[i]!]!;
  }
  for (let i = words * 4; i < n; i++) dst[i] = FOLD[src[i]!]!;
}

/** What a text search looks for in the data: bytes (exact or ASCII case-folded) or a regular expression. */
export class Needle {
  /** The bytes of a text (folded when `folded`); null for a regular expression. */
  readonly bytes: Buffer | null;
  /**
   * What raw segment bytes are searched for (folded when `folded`): the text's bytes; for a
   * regular expression, literals one of which every match contains (regex-literal.ts), so
   * that it runs only on entries holding one. None: every entry with data is decided alone.
   */
  readonly literals: readonly Buffer[];
  readonly folded: boolean;
  readonly regex: RegExp | null;
  /** Bytes any match spans at least (chunks overlap by this minus one). */
  readonly minLength: number;

  constructor(query: string, caseSensitive: boolean, regex: boolean) {
    if (regex) {
      // `u`: characters, not UTF-16 halves; `i` folds case beyond ASCII too, as a user of a regular expression expects.
      this.regex = new RegExp(query, caseSensitive ? 'u' : 'iu');
      this.bytes = null;
      this.literals = (requiredLiterals(query, caseSensitive) ?? []).map((l) => Buffer.from(encoder.encode(l.text)));
      this.folded = !caseSensitive;
      this.minLength = 1;
      return;
    }
    this.regex = null;
    const raw = Buffer.from(encoder.encode(query));
    this.folded = !caseSensitive && /[A-Za-z]/.test(query);
    this.bytes = this.folded ? Buffer.from(raw.map((b) => FOLD[b]!)) : raw;
    this.literals = raw.length > 0 ? [this.bytes] : [];
    this.minLength = raw.length;
  }

  /** Whether an entry's data (its UTF-8 bytes) matches, exactly as defined. */
  inData(data: Uint8Array, text?: () => string): boolean {
    if (this.regex) return this.regex.test(text ? text() : Buffer.from(data.buffer, data.byteOffset, data.length).toString('utf8'));
    const hay = Buffer.from(data.buffer, data.byteOffset, data.length);
    if (!this.folded) return hay.indexOf(this.bytes!) >= 0;
    const f = Buffer.allocUnsafe(data.length);
    for (let i = 0; i < data.length; i++) f[i] = FOLD[data[i]!]!;
    return f.indexOf(this.bytes!) >= 0;
  }
}
