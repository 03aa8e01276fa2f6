import { isWellFormed } from './well-formed-text.js';

const NEEDS_CARE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * A string as serde_json writes it: `"` and `\` escaped, control characters below U+0020
 * as `\b \t \n \f \r` or `\u00xx` (lower-case hex), every other character raw (`/`, DEL,
 * U+2028/U+2029 included). `JSON.stringify` escapes exactly these for well-formed strings.
 * A lone surrogate cannot be in a Rust string: it is a TypeError.
 */
export function quoteJsonText(s: string): string {
  if (!NEEDS_CARE.test(s)) return '"' + s + '"';
  if (!isWellFormed(s)) throw new TypeError('a JSON string holds a lone surrogate, which UTF-8 cannot encode');
  return JSON.stringify(s);
}
