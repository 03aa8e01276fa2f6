/**
 * serde_json's syntax-error texts and positions.
 *
 * serde_json reports a byte position inside the UTF-8 text: `line` is 1 + the number of
 * `\n` before the start of the line, `column` the number of bytes between the start of the
 * line and the position. Its `error()` uses the current read index and its `peek_error()`
 * one byte past it (at most the end of the input), so a peeked character at the start of
 * a line is reported as column 1 and the end of the input as its byte length.
 */

/** serde_json `ErrorCode` display texts (the ones its parser can produce). */
export const SyntaxReason = {
  eofWhileParsingList: 'EOF while parsing a list',
  eofWhileParsingObject: 'EOF while parsing an object',
  eofWhileParsingString: 'EOF while parsing a string',
  eofWhileParsingValue: 'EOF while parsing a value',
  expectedColon: 'expected `:`',
  expectedListCommaOrEnd: 'expected `,` or `]`',
  expectedObjectCommaOrEnd: 'expected `,` or `}`',
  expectedSomeIdent: 'expected ident',
  expectedSomeValue: 'expected value',
  invalidEscape: 'invalid escape',
  invalidNumber: 'invalid number',
  invalidUnicodeCodePoint: 'invalid unicode code point',
  controlCharacterWhileParsingString: 'control character (\\u0000-\\u001F) found while parsing a string',
  keyMustBeAString: 'key must be a string',
  loneLeadingSurrogateInHexEscape: 'lone leading surrogate in hex escape',
  trailingComma: 'trailing comma',
  trailingCharacters: 'trailing characters',
  unexpectedEndOfHexEscape: 'unexpected end of hex escape',
  recursionLimitExceeded: 'recursion limit exceeded',
} as const;

/**
 * Thrown inside the parser only (never escapes `parseJson`). `index` is a UTF-16 index into
 * the text being read; `extraBytes` counts bytes past the start of the character at `index`
 * (serde_json reads bytes, so after consuming the first byte of a multi-byte character its
 * position is inside that character). `consumed` tells that serde_json's read index moved past
 * those bytes (an `error()` after `next()`), as opposed to a `peek_error()`.
 * `fixed` carries a position already computed against another text.
 */
export class JsonSyntaxFailure {
  constructor(
    readonly reason: string,
    readonly index: number,
    readonly extraBytes: number,
    readonly consumed: boolean,
    readonly fixed?: { readonly line: number; readonly column: number },
  ) {}
}

/** Bytes of the UTF-8 (WTF-8 for a lone surrogate) encoding of `text[from, to)`. */
export function utf8Length(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to && isLowSurrogate(text.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Width in UTF-16 units and UTF-8 bytes of the character starting at `i`. */
function charAt(text: string, i: number): { units: number; bytes: number } {
  const c = text.charCodeAt(i);
  if (c < 0x80) return { units: 1, bytes: 1 };
  if (c < 0x800) return { units: 1, bytes: 2 };
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
    return { units: 2, bytes: 4 };
  }
  return { units: 1, bytes: 3 };
}

/** serde_json's `position_of_index` for the byte `extraBytes` past the start of `text[index]`. */
export function positionOf(text: string, index: number, extraBytes: number): { line: number; column: number } {
  let j = Math.min(index, text.length);
  let extra = extraBytes;
  while (extra > 0 && j < text.length) {
    const ch = charAt(text, j);
    if (extra < ch.bytes) break;
    extra -= ch.bytes;
    j += ch.units;
  }
  if (j >= text.length) extra = 0;
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < j; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: utf8Length(text, lineStart, j) + extra };
}

/** Line and column of a failure raised while reading `text`. */
export function failurePosition(text: string, failure: JsonSyntaxFailure): { line: number; column: number } {
  return failure.fixed ?? positionOf(text, failure.index, failure.extraBytes);
}

/** serde_json's `Display` for a syntax error. */
export function syntaxMessage(reason: string, line: number, column: number): string {
  return `${reason} at line ${line} column ${column}`;
}
