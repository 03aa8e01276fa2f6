/**
 * The key structure of a JSON text, read in one pass over its characters without building the
 * value: what deciding "an Update's deep merge is its own data" needs (next-state.ts), at a
 * fraction of JSON.parse's cost and garbage (a restore of 1 GiB parsed every entry's data).
 *
 * The signature of an object is `{` then, per key in text order, `"key"` followed by the
 * signature of its value when that is an object, then `}`; anything else (arrays included,
 * whose contents a merge replaces whole) signs as the empty string. Two texts with the same
 * signature parse to values with the same shape (next-state's StateShape), duplicate keys and
 * all, so merging one into the other yields the second.
 *
 * Conservative: undefined whenever the text is not certainly what next-state's native parse
 * accepts as serde_json would — any grammar error, an escaped surrogate (as SURROGATE_ESCAPE
 * would see it, `\\uD8..` included), nesting past MAX_DEPTH, a key with an escape or a
 * non-ASCII character (raw key text must equal the parsed key). The caller then takes the
 * exact path, so a signature only ever saves work, never changes an answer.
 */

const MAX_DEPTH = 64;

// Character codes.
const QUOTE = 0x22, BACKSLASH = 0x5c, LBRACE = 0x7b, RBRACE = 0x7d, LBRACKET = 0x5b, RBRACKET = 0x5d;
const COMMA = 0x2c, COLON = 0x3a, MINUS = 0x2d, PLUS = 0x2b, DOT = 0x2e, ZERO = 0x30, NINE = 0x39;

const CONTROL = /[\u0000-\u001f]/;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number): boolean => c >= ZERO && c <= NINE;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
/** `\u` then d/D then 8-f: SURROGATE_ESCAPE's match starting at a backslash at `i`. */
const surrogateEscapeAt = (t: string, i: number): boolean => {
  if (t.charCodeAt(i + 1) !== 0x75) return false;
  const d = t.charCodeAt(i + 2);
  if (d !== 0x64 && d !== 0x44) return false;
  const h = t.charCodeAt(i + 3);
  return (h >= 0x38 && h <= 0x39) || (h >= 0x61 && h <= 0x66) || (h >= 0x41 && h <= 0x46);
};

/** Thrown inside the scan only; never escapes shapeSignature. */
const REFUSED = -1;

class Scan {
  pos = 0;
  sig = '';
  /** The next backslash at or after the last search (Infinity: none); -1: not searched yet. */
  private backslash = -1;
  /** The text holds a character below U+0020 somewhere (compact JSON has none): strings are then checked for them. */
  private readonly controls: boolean;
  constructor(private readonly t: string) {
    this.controls = CONTROL.test(t);
  }

  private skipSpace(): void {
    const t = this.t;
    while (isSpace(t.charCodeAt(this.pos))) this.pos++;
  }

  /** A string value from its opening quote; the index past its closing quote, or REFUSED. */
  private string(): number {
    const t = this.t;
    let i = this.pos + 1;
    for (;;) {
      // indexOf runs natively: the characters between quotes are skipped, not looped over.
      const quote = t.indexOf('"', i);
      if (quote === -1) return REFUSED;
      if (this.backslash < i) {
        const found = t.indexOf('\\', i);
        this.backslash = found === -1 ? Infinity : found;
      }
      if (this.controls && this.controlBetween(i, Math.min(quote, this.backslash))) return REFUSED;
      if (quote < this.backslash) return quote + 1;
      i = this.escape(this.backslash);
      if (i === REFUSED) return REFUSED;
    }
  }

  /** A control character in [from, to): JSON.parse refuses it inside a string. */
  private controlBetween(from: number, to: number): boolean {
    const t = this.t;
    for (let i = from; i < to; i++) if (t.charCodeAt(i) < 0x20) return true;
    return false;
  }

  /** The escape whose backslash is at `i`: the index past it, or REFUSED. */
  private escape(i: number): number {
    const t = this.t;
    if (surrogateEscapeAt(t, i)) return REFUSED;
    const e = t.charCodeAt(i + 1);
    if (e === 0x75) {
      if (!isHex(t.charCodeAt(i + 2)) || !isHex(t.charCodeAt(i + 3)) || !isHex(t.charCodeAt(i + 4)) || !isHex(t.charCodeAt(i + 5))) return REFUSED;
      return i + 6;
    }
    // The escaped backslash of `\\` may itself start SURROGATE_ESCAPE's match.
    if (e === BACKSLASH && surrogateEscapeAt(t, i + 1)) return REFUSED;
    if (e !== QUOTE && e !== BACKSLASH && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) return REFUSED;
    return i + 2;
  }

  private number(): boolean {
    const t = this.t;
    let i = this.pos;
    if (t.charCodeAt(i) === MINUS) i++;
    const first = t.charCodeAt(i);
    if (first === ZERO) i++;
    else if (first > ZERO && first <= NINE) while (isDigit(t.charCodeAt(i))) i++;
    else return false;
    if (t.charCodeAt(i) === DOT) {
      i++;
      if (!isDigit(t.charCodeAt(i))) return false;
      while (isDigit(t.charCodeAt(i))) i++;
    }
    const e = t.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const s = t.charCodeAt(i);
      if (s === PLUS || s === MINUS) i++;
      if (!isDigit(t.charCodeAt(i))) return false;
      while (isDigit(t.charCodeAt(i))) i++;
    }
    this.pos = i;
    return true;
  }

  private literal(word: string): boolean {
    if (!this.t.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  /** One value at pos (space before it skipped); its signature appended when `signed`. */
  value(depth: number, signed: boolean): boolean {
    this.skipSpace();
    const c = this.t.charCodeAt(this.pos);
    if (c === LBRACE) return this.object(depth + 1, signed);
    if (c === LBRACKET) return this.array(depth + 1);
    if (c === QUOTE) {
      const end = this.string();
      if (end === REFUSED) return false;
      this.pos = end;
      return true;
    }
    if (c === 0x74) return this.literal('true');
    if (c === 0x66) return this.literal('false');
    if (c === 0x6e) return this.literal('null');
    return this.number();
  }

  private object(depth: number, signed: boolean): boolean {
    if (depth > MAX_DEPTH) return false;
    const t = this.t;
    this.pos++;
    if (signed) this.sig += '{';
    this.skipSpace();
    if (t.charCodeAt(this.pos) === RBRACE) {
      this.pos++;
      if (signed) this.sig += '}';
      return true;
    }
    for (;;) {
      this.skipSpace();
      if (t.charCodeAt(this.pos) !== QUOTE) return false;
      const start = this.pos;
      const end = this.string();
      if (end === REFUSED) return false;
      if (signed) {
        // The raw key must be the parsed key: no escape, ASCII only.
        for (let i = start + 1; i < end - 1; i++) {
          const k = t.charCodeAt(i);
          if (k === BACKSLASH || k > 0x7e) return false;
        }
        this.sig += t.slice(start, end);
      }
      this.pos = end;
      this.skipSpace();
      if (t.charCodeAt(this.pos) !== COLON) return false;
      this.pos++;
      if (!this.value(depth, signed)) return false;
      this.skipSpace();
      const next = t.charCodeAt(this.pos++);
      if (next === RBRACE) break;
      if (next !== COMMA) return false;
    }
    if (signed) this.sig += '}';
    return true;
  }

  private array(depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const t = this.t;
    this.pos++;
    this.skipSpace();
    if (t.charCodeAt(this.pos) === RBRACKET) {
      this.pos++;
      return true;
    }
    for (;;) {
      // Objects inside arrays do not sign: a merge replaces an array whole.
      if (!this.value(depth, false)) return false;
      this.skipSpace();
      const next = t.charCodeAt(this.pos++);
      if (next === RBRACKET) return true;
      if (next !== COMMA) return false;
    }
  }

  get atEnd(): boolean {
    this.skipSpace();
    return this.pos === this.t.length;
  }
}

/** The text's key signature (see the module comment), or undefined: take the exact path. */
export function shapeSignature(text: string): string | undefined {
  const scan = new Scan(text);
  if (!scan.value(0, true) || !scan.atEnd) return undefined;
  return scan.sig;
}
