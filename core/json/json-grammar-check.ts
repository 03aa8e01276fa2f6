/** serde_json refuses the 128th nested array/object (parse-json.ts, RECURSION_LIMIT): 127 surely parse. */
const MAX_DEPTH = 127;
const IN_OBJECT = 1;
const IN_ARRAY = 2;
/** Open containers of the text being checked (one call at a time: checks never nest). */
const stack = new Uint8Array(MAX_DEPTH);
/** What a string may hold that needs a look: a backslash, a control character, a surrogate. */
const STRING_SPECIAL = /[\\\u0000-\u001f\ud800-\udfff]/;
/** The text being checked has none of STRING_SPECIAL (the common case, found by one native scan). */
let plain = false;

function skipWhitespace(text: string, p: number, n: number): number {
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return p;
    p++;
  }
  return p;
}

/**
 * A string body after its opening quote: the index after its closing quote, or -1 where the
 * text is invalid or this check does not decide (a `\u` escape, whose surrogates serde_json
 * checks, and any surrogate code unit: a pair is valid, a lone one is not).
 */
function skipString(text: string, p: number, n: number): number {
  if (plain) {
    // Nothing in the text needs a look: the string ends at the next quote.
    const q = text.indexOf('"', p);
    return q < 0 ? -1 : q + 1;
  }
  while (p < n) {
    const c = text.charCodeAt(p++);
    if (c === 0x22) return p;
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      const e = p < n ? text.charCodeAt(p++) : -1;
      // " \ / b f n r t
      if (e !== 0x22 && e !== 0x5c && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) return -1;
    } else if (c >= 0xd800 && c <= 0xdfff) return -1;
  }
  return -1;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** RFC 8259's number (serde_json keeps its text: no range limit) at `p`; the index after it, or -1. */
function skipNumber(text: string, p: number, n: number): number {
  if (text.charCodeAt(p) === 0x2d) p++;
  if (p >= n) return -1;
  const first = text.charCodeAt(p++);
  if (first === 0x30) {
    // a digit after a leading 0 is refused where the value ends
  } else if (first >= 0x31 && first <= 0x39) {
    while (p < n && isDigit(text.charCodeAt(p))) p++;
  } else return -1;
  if (p < n && text.charCodeAt(p) === 0x2e) {
    const digits = ++p;
    while (p < n && isDigit(text.charCodeAt(p))) p++;
    if (p === digits) return -1;
  }
  if (p < n && (text.charCodeAt(p) | 0x20) === 0x65) {
    p++;
    if (p < n && (text.charCodeAt(p) === 0x2b || text.charCodeAt(p) === 0x2d)) p++;
    const digits = p;
    while (p < n && isDigit(text.charCodeAt(p))) p++;
    if (p === digits) return -1;
  }
  return p;
}

/** `"key"` then whitespace and `:` at `p` (a quote there); the index after the colon, or -1. */
function skipKey(text: string, p: number, n: number): number {
  p = skipString(text, p + 1, n);
  if (p < 0) return -1;
  p = skipWhitespace(text, p, n);
  return p < n && text.charCodeAt(p) === 0x3a ? p + 1 : -1;
}

/**
 * Whether serde_json (`from_str::<Value>`, arbitrary_precision; parse-json.ts) surely parses
 * `text`, checked over its characters without building anything: true only for texts of
 * RFC 8259's grammar with serde_json's whitespace, no `\u` escape, no surrogate, no object
 * whose first key starts with `$` (serde_json's number token) and at most 127 levels of
 * nesting. False means "invalid, or not decided here": the caller then asks parseJson. So a
 * false is never a verdict, and a true is one only where the grammars are the same.
 */
export function surelyValidJson(text: string): boolean {
  plain = !STRING_SPECIAL.test(text);
  const n = text.length;
  let depth = 0;
  let p = 0;
  for (;;) {
    // A value at p.
    p = skipWhitespace(text, p, n);
    if (p >= n) return false;
    const c = text.charCodeAt(p);
    if (c === 0x7b || c === 0x5b) {
      if (depth === MAX_DEPTH) return false;
      p = skipWhitespace(text, p + 1, n);
      if (p >= n) return false;
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (text.charCodeAt(p) === close) p++;
      else if (c === 0x5b) {
        stack[depth++] = IN_ARRAY;
        continue;
      } else {
        if (text.charCodeAt(p) !== 0x22 || text.charCodeAt(p + 1) === 0x24) return false;
        p = skipKey(text, p, n);
        if (p < 0) return false;
        stack[depth++] = IN_OBJECT;
        continue;
      }
    } else if (c === 0x22) {
      p = skipString(text, p + 1, n);
    } else if (c === 0x2d || isDigit(c)) {
      p = skipNumber(text, p, n);
    } else if (c === 0x74 && text.startsWith('true', p)) p += 4;
    else if (c === 0x66 && text.startsWith('false', p)) p += 5;
    else if (c === 0x6e && text.startsWith('null', p)) p += 4;
    else return false;
    if (p < 0) return false;
    // After a value: close containers until one takes a comma.
    for (;;) {
      p = skipWhitespace(text, p, n);
      if (depth === 0) return p === n;
      if (p >= n) return false;
      const d = text.charCodeAt(p);
      const top = stack[depth - 1];
      if (d === 0x2c) {
        p = skipWhitespace(text, p + 1, n);
        if (top === IN_OBJECT) {
          if (p >= n || text.charCodeAt(p) !== 0x22) return false;
          p = skipKey(text, p, n);
          if (p < 0) return false;
        }
        break;
      }
      if (d !== (top === IN_OBJECT ? 0x7d : 0x5d)) return false;
      depth--;
      p++;
    }
  }
}
