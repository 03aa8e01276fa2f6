import { celNumber, type CelValue } from './cel-values.js';

/** Thrown (one shared value, never escaping this module) where the scan is not sure: the caller parses the whole text instead. */
const UNSURE: unique symbol = Symbol('unsure');

/** The next character that ends a plain string: a quote, or an escape, control character or surrogate (past a quick look at its first characters). */
const STRING_STOP = /["\\\u0000-\u001f\ud800-\udfff]/g;
const FRACTION_OR_EXPONENT = /(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
/** serde_json's arbitrary-precision number key: an object starting with it is a number (parse-json.ts). */
const NUMBER_TOKEN = '$serde_json::private::Number';
/** Deeper text is left to the full parser (serde_json allows 127 levels). */
const MAX_DEPTH = 64;
const QUICK = 32;

/**
 * A one-pass reader of JSON text that converts only what is asked for (see scanDataKeys) and
 * checks the rest. It takes a subset of what serde_json takes — no escapes, no surrogates, no
 * number-token objects, at most 64 levels — and gives up (UNSURE) on anything else, valid or
 * not, so a scanned answer is always the whole parse's.
 */
class KeyScanner {
  pos = 0;
  constructor(private readonly text: string) {}

  ws(): number {
    const t = this.text;
    let p = this.pos;
    let c = t.charCodeAt(p);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = t.charCodeAt(++p);
    this.pos = p;
    return c; // NaN past the end
  }

  /** At a quote: the string's end (its closing quote); pos moves past it. */
  stringEnd(): number {
    const t = this.text;
    let p = this.pos + 1;
    const quick = Math.min(t.length, p + QUICK);
    let c = 0;
    while (p < quick) {
      c = t.charCodeAt(p);
      if (c === 0x22 || c === 0x5c || c < 0x20 || (c >= 0xd800 && c <= 0xdfff)) break;
      p++;
    }
    if (p === quick) {
      STRING_STOP.lastIndex = p;
      p = STRING_STOP.test(t) ? STRING_STOP.lastIndex - 1 : t.length;
      c = t.charCodeAt(p);
    }
    if (c !== 0x22) throw UNSURE;
    this.pos = p + 1;
    return p;
  }

  string(): string {
    const start = this.pos + 1;
    return this.text.slice(start, this.stringEnd());
  }

  number(convert: boolean): CelValue {
    const t = this.text;
    const start = this.pos;
    let p = start;
    if (t.charCodeAt(p) === 0x2d) p++;
    let c = t.charCodeAt(p);
    if (c === 0x30) c = t.charCodeAt(++p);
    else if (c >= 0x31 && c <= 0x39) {
      do c = t.charCodeAt(++p); while (c >= 0x30 && c <= 0x39);
    } else throw UNSURE;
    if (c === 0x2e || c === 0x65 || c === 0x45) {
      FRACTION_OR_EXPONENT.lastIndex = p;
      FRACTION_OR_EXPONENT.test(t);
      // Nothing matched after a dot or an exponent sign: invalid, and the structure check below would not see it as such.
      if (FRACTION_OR_EXPONENT.lastIndex === p) throw UNSURE;
      p = FRACTION_OR_EXPONENT.lastIndex;
    }
    this.pos = p;
    return convert ? celNumber(t.slice(start, p)) : null;
  }

  literal(word: string, v: CelValue): CelValue {
    if (!this.text.startsWith(word, this.pos)) throw UNSURE;
    this.pos += word.length;
    return v;
  }

  /** The value at pos, converted when `convert` (else checked only: the result is then null). */
  value(depth: number, convert: boolean): CelValue {
    const c = this.ws();
    if (c === 0x22) return convert ? this.string() : (this.stringEnd(), null);
    if (c === 0x7b) return this.object(depth + 1, convert ? null : NONE);
    if (c === 0x5b) return this.array(depth + 1, convert);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number(convert);
    if (c === 0x74) return this.literal('true', true);
    if (c === 0x66) return this.literal('false', false);
    if (c === 0x6e) return this.literal('null', null);
    throw UNSURE;
  }

  array(depth: number, convert: boolean): CelValue {
    if (depth > MAX_DEPTH) throw UNSURE;
    this.pos++;
    const out: CelValue[] = [];
    if (this.ws() === 0x5d) {
      this.pos++;
      return convert ? out : null;
    }
    for (;;) {
      const v = this.value(depth, convert);
      if (convert) out.push(v);
      const c = this.ws();
      this.pos++;
      if (c === 0x5d) return convert ? out : null;
      if (c !== 0x2c) throw UNSURE;
    }
  }

  /** An object; `keys`: the keys to convert (null: all; NONE: check only, the result is then null). */
  object(depth: number, keys: ReadonlySet<string> | null): CelValue {
    if (depth > MAX_DEPTH) throw UNSURE;
    this.pos++;
    const out = keys === NONE ? null : new Map<string, CelValue>();
    let c = this.ws();
    if (c === 0x7d) {
      this.pos++;
      return out;
    }
    for (let first = true; ; first = false) {
      if (c !== 0x22) throw UNSURE;
      const keyStart = this.pos + 1;
      const keyEnd = this.stringEnd();
      const key = out !== null || first ? this.text.slice(keyStart, keyEnd) : '';
      if (first && key === NUMBER_TOKEN) throw UNSURE;
      if (this.ws() !== 0x3a) throw UNSURE;
      this.pos++;
      const convert = out !== null && (keys === null || keys.has(key));
      const v = this.value(depth, convert);
      // Map.set keeps a duplicate key where it first came with the last value, as the whole parse does.
      if (convert) out.set(key, v);
      c = this.ws();
      this.pos++;
      if (c === 0x7d) return out;
      if (c !== 0x2c) throw UNSURE;
      c = this.ws();
    }
  }
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Data text as CEL values, reading only what is asked for: with `keys`, a top-level object
 * holds only those keys (the other values are checked as JSON, not converted); without, the
 * whole. The same answer as parsing the whole text as serde_json does (core/json) and
 * converting it (celOfJson) — undefined where this scan cannot be sure of that (an escape, a
 * surrogate, a number-token object, deep nesting, or text that is not JSON at all).
 */
export function scanDataKeys(text: string, keys: ReadonlySet<string> | null): CelValue | undefined {
  const s = new KeyScanner(text);
  try {
    const c = s.ws();
    const v = c === 0x7b && keys !== null ? s.object(1, keys) : s.value(0, true);
    s.ws();
    return s.pos === text.length ? v : undefined; // anything after the value: not JSON
  } catch (err) {
    if (err === UNSURE) return undefined;
    throw err;
  }
}
