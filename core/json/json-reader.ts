import { JsonSyntaxFailure, SyntaxReason } from './json-syntax-error.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** What ends a run of plain string characters: a quote, a backslash or a control character. */
const STRING_SPECIAL = /["\\\u0000-\u001f]/g;

/** Value of a hex digit, or -1. */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * The lexical layer of serde_json's deserializer over a JavaScript string: whitespace,
 * literals, strings with their escapes, and numbers with `arbitrary_precision`
 * normalisation. Errors are thrown as `JsonSyntaxFailure` at the positions serde_json
 * reports. `pos` is the UTF-16 index of the next character to read.
 */
export class JsonReader {
  pos = 0;
  readonly len: number;

  constructor(readonly text: string) {
    this.len = text.length;
  }

  /** serde `error()` with the read index at the start of `text[index]`. */
  failAt(reason: string, index: number): never {
    throw new JsonSyntaxFailure(reason, index, 0, false);
  }

  /** serde `error()` right after `next()` consumed the (first byte of the) character at `index`. */
  failAfter(reason: string, index: number): never {
    throw new JsonSyntaxFailure(reason, index, 1, true);
  }

  /** serde `peek_error()` while the character at `index` is peeked (or at the end). */
  failPeek(reason: string, index: number): never {
    throw new JsonSyntaxFailure(reason, index, 1, false);
  }

  /** Skips JSON whitespace (space, tab, LF, CR); returns the next char code or -1 at the end. */
  skipWhitespace(): number {
    const text = this.text;
    const len = this.len;
    let p = this.pos;
    while (p < len) {
      const c = text.charCodeAt(p);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        p++;
        continue;
      }
      this.pos = p;
      return c;
    }
    this.pos = p;
    return -1;
  }

  /** The rest of `null` / `true` / `false` after its first letter was consumed. */
  expectIdent(rest: string): void {
    const text = this.text;
    for (let i = 0; i < rest.length; i++) {
      const p = this.pos;
      if (p >= this.len) this.failAt(SyntaxReason.eofWhileParsingValue, p);
      this.pos = p + 1;
      if (text.charCodeAt(p) !== rest.charCodeAt(i)) this.failAfter(SyntaxReason.expectedSomeIdent, p);
    }
  }

  /** A string body; the opening quote was consumed. Leaves `pos` after the closing quote. */
  readString(): string {
    const text = this.text;
    const len = this.len;
    let p = this.pos;
    let start = p;
    let out: string | null = null;
    for (;;) {
      let c = 0;
      // Short strings (keys) in JavaScript; past 32 characters the regex engine scans faster.
      const quick = Math.min(len, p + 32);
      while (p < quick) {
        c = text.charCodeAt(p);
        if (c === QUOTE || c === BACKSLASH || c < 0x20) break;
        p++;
      }
      if (p === quick && p < len) {
        STRING_SPECIAL.lastIndex = p;
        p = STRING_SPECIAL.test(text) ? STRING_SPECIAL.lastIndex - 1 : len;
        if (p < len) c = text.charCodeAt(p);
      }
      if (p >= len) this.failAt(SyntaxReason.eofWhileParsingString, len);
      if (c === QUOTE) {
        this.pos = p + 1;
        return out === null ? text.slice(start, p) : out + text.slice(start, p);
      }
      if (c !== BACKSLASH) this.failAfter(SyntaxReason.controlCharacterWhileParsingString, p);
      out = (out ?? '') + text.slice(start, p);
      this.pos = p + 1;
      out += this.readEscape();
      p = this.pos;
      start = p;
    }
  }

  /** One escape after its backslash (serde_json `parse_escape`, validating surrogates). */
  private readEscape(): string {
    const p = this.pos;
    if (p >= this.len) this.failAt(SyntaxReason.eofWhileParsingString, this.len);
    const c = this.text.charCodeAt(p);
    this.pos = p + 1;
    switch (c) {
      case 0x22: return '"';
      case 0x5c: return '\\';
      case 0x2f: return '/';
      case 0x62: return '\b';
      case 0x66: return '\f';
      case 0x6e: return '\n';
      case 0x72: return '\r';
      case 0x74: return '\t';
      case 0x75: return this.readUnicodeEscape();
      default: return this.failAfter(SyntaxReason.invalidEscape, p);
    }
  }

  private readUnicodeEscape(): string {
    const text = this.text;
    const len = this.len;
    const n1 = this.readHex4();
    if (n1 >= 0xdc00 && n1 <= 0xdfff) this.failAt(SyntaxReason.loneLeadingSurrogateInHexEscape, this.pos);
    if (n1 < 0xd800 || n1 > 0xdbff) return String.fromCharCode(n1);
    let p = this.pos;
    if (p >= len) this.failAt(SyntaxReason.eofWhileParsingString, len);
    if (text.charCodeAt(p) !== BACKSLASH) this.failAfter(SyntaxReason.unexpectedEndOfHexEscape, p);
    p++;
    if (p >= len) this.failAt(SyntaxReason.eofWhileParsingString, len);
    if (text.charCodeAt(p) !== 0x75) this.failAfter(SyntaxReason.unexpectedEndOfHexEscape, p);
    this.pos = p + 1;
    const n2 = this.readHex4();
    if (n2 < 0xdc00 || n2 > 0xdfff) this.failAt(SyntaxReason.loneLeadingSurrogateInHexEscape, this.pos);
    return String.fromCharCode(n1, n2);
  }

  /** serde_json `decode_hex_escape`: fewer than 4 bytes left is EOF, else each byte must be hex. */
  private readHex4(): number {
    const text = this.text;
    const p = this.pos;
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const i = p + k;
      const v = i < this.len ? hexValue(text.charCodeAt(i)) : -1;
      if (v < 0) {
        if (!this.hasBytes(i, 4 - k)) this.failAt(SyntaxReason.eofWhileParsingString, this.len);
        this.failAfter(SyntaxReason.invalidEscape, i);
      }
      n = n * 16 + v;
    }
    this.pos = p + 4;
    return n;
  }

  /** Whether at least `need` UTF-8 bytes remain from `from`. */
  private hasBytes(from: number, need: number): boolean {
    let n = 0;
    for (let i = from; i < this.len && n < need; i++) {
      const c = this.text.charCodeAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
    }
    return n >= need;
  }

  /**
   * A number at `pos` (a `-` or a digit), scanned as serde_json's `arbitrary_precision`
   * `parse_any_number` does, returned as serde_json keeps it: digits as written, the
   * exponent as `e` with an explicit sign, and the integer `-0` as `0`.
   */
  readNumberText(): string {
    const text = this.text;
    const len = this.len;
    const start = this.pos;
    let p = start;
    if (text.charCodeAt(p) === 0x2d) p++;
    if (p >= len) this.failAt(SyntaxReason.eofWhileParsingValue, len);
    let c = text.charCodeAt(p++);
    if (c === 0x30) {
      if (p < len && isDigit(text.charCodeAt(p))) this.failPeek(SyntaxReason.invalidNumber, p);
    } else if (c >= 0x31 && c <= 0x39) {
      while (p < len && isDigit(text.charCodeAt(p))) p++;
    } else {
      this.failAfter(SyntaxReason.invalidNumber, p - 1);
    }
    let integer = true;
    c = p < len ? text.charCodeAt(p) : -1;
    if (c === 0x2e) {
      integer = false;
      const digits = ++p;
      while (p < len && isDigit(text.charCodeAt(p))) p++;
      if (p === digits) {
        this.failPeek(p < len ? SyntaxReason.invalidNumber : SyntaxReason.eofWhileParsingValue, p);
      }
      c = p < len ? text.charCodeAt(p) : -1;
    }
    let expAt = -1;
    if (c === 0x65 || c === 0x45) {
      integer = false;
      expAt = p++;
      if (p < len) {
        const sign = text.charCodeAt(p);
        if (sign === 0x2b || sign === 0x2d) p++;
      }
      if (p >= len) this.failAt(SyntaxReason.eofWhileParsingValue, len);
      if (!isDigit(text.charCodeAt(p++))) this.failAfter(SyntaxReason.invalidNumber, p - 1);
      while (p < len && isDigit(text.charCodeAt(p))) p++;
    }
    this.pos = p;
    if (integer) {
      // serde_json parses an integer that fits i64/u64 and prints it back: only `-0` changes.
      return p - start === 2 && text.charCodeAt(start) === 0x2d && text.charCodeAt(start + 1) === 0x30
        ? '0'
        : text.slice(start, p);
    }
    if (expAt < 0) return text.slice(start, p);
    const afterE = text.charCodeAt(expAt + 1);
    const signed = afterE === 0x2b || afterE === 0x2d;
    if (signed && text.charCodeAt(expAt) === 0x65) return text.slice(start, p);
    return text.slice(start, expAt) + (signed ? 'e' : 'e+') + text.slice(expAt + 1, p);
  }
}
