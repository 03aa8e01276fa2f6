import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../core/json/index.js';

/**
 * serde_json's error texts and positions: `error()` reports the read index, `peek_error()`
 * one byte past it; columns count UTF-8 bytes from the start of the line.
 */
const cases: ReadonlyArray<readonly [string, string]> = [
  ['', 'EOF while parsing a value at line 1 column 0'],
  ['   ', 'EOF while parsing a value at line 1 column 3'],
  ['x', 'expected value at line 1 column 1'],
  ['  x', 'expected value at line 1 column 3'],
  ['\n\n  }', 'expected value at line 3 column 3'],
  ['nul', 'EOF while parsing a value at line 1 column 3'],
  ['nulx', 'expected ident at line 1 column 4'],
  ['tru\u00e9', 'expected ident at line 1 column 4'],
  ['fals', 'EOF while parsing a value at line 1 column 4'],
  ['[', 'EOF while parsing a list at line 1 column 1'],
  ['[1', 'EOF while parsing a list at line 1 column 2'],
  ['[1,', 'EOF while parsing a value at line 1 column 3'],
  ['[1,]', 'trailing comma at line 1 column 4'],
  ['[1 2]', 'expected `,` or `]` at line 1 column 4'],
  ['[,1]', 'expected value at line 1 column 2'],
  ['[\n1,\n2', 'EOF while parsing a list at line 3 column 1'],
  ['{', 'EOF while parsing an object at line 1 column 1'],
  ['{"a"', 'EOF while parsing an object at line 1 column 4'],
  ['{"ab"', 'EOF while parsing an object at line 1 column 5'],
  ['{"a":', 'EOF while parsing a value at line 1 column 5'],
  ['{"a":1', 'EOF while parsing an object at line 1 column 6'],
  ['{"a":1,', 'EOF while parsing a value at line 1 column 7'],
  ['{"a":1,}', 'trailing comma at line 1 column 8'],
  ['{"a" 1}', 'expected `:` at line 1 column 6'],
  ['{"a":1 "b":2}', 'expected `,` or `}` at line 1 column 8'],
  ['{1:2}', 'key must be a string at line 1 column 2'],
  ['{"a":1,2:3}', 'key must be a string at line 1 column 8'],
  ['{,}', 'key must be a string at line 1 column 2'],
  ['01', 'invalid number at line 1 column 2'],
  ['-01', 'invalid number at line 1 column 3'],
  ['-', 'EOF while parsing a value at line 1 column 1'],
  ['-x', 'invalid number at line 1 column 2'],
  ['1.', 'EOF while parsing a value at line 1 column 2'],
  ['1.x', 'invalid number at line 1 column 3'],
  ['1.e5', 'invalid number at line 1 column 3'],
  ['1e', 'EOF while parsing a value at line 1 column 2'],
  ['1e+', 'EOF while parsing a value at line 1 column 3'],
  ['1ex', 'invalid number at line 1 column 3'],
  ['1e+x', 'invalid number at line 1 column 4'],
  ['[1.]', 'invalid number at line 1 column 4'],
  ['1x', 'trailing characters at line 1 column 2'],
  ['"abc', 'EOF while parsing a string at line 1 column 4'],
  ['"\\x"', 'invalid escape at line 1 column 3'],
  ['"\\u12"', 'EOF while parsing a string at line 1 column 6'],
  ['"\\ud800"', 'unexpected end of hex escape at line 1 column 8'],
  ['"\\udc00"', 'lone leading surrogate in hex escape at line 1 column 7'],
  ['"a\u0000"', 'control character (\\u0000-\\u001F) found while parsing a string at line 1 column 3'],
  // Past the first 32 characters of a string the scan changes method: the same answers.
  ['"' + 'a'.repeat(70) + '\u0001"', 'control character (\\u0000-\\u001F) found while parsing a string at line 1 column 72'],
  ['"' + 'a'.repeat(70), 'EOF while parsing a string at line 1 column 71'],
  ['"' + 'a'.repeat(70) + '\\q"', 'invalid escape at line 1 column 73'],
  ['{} x', 'trailing characters at line 1 column 4'],
  ['{"a":1}\n x', 'trailing characters at line 2 column 2'],
  // columns count UTF-8 bytes, not UTF-16 units
  ['["é", x]', 'expected value at line 1 column 8'],
  ['["😀", x]', 'expected value at line 1 column 10'],
  ['["中"\n, "😀" x]', 'expected `,` or `]` at line 2 column 10'],
  ['é', 'expected value at line 1 column 1'],
  ['[1, é]', 'expected value at line 1 column 5'],
];

describe('parseJson error messages', () => {
  it.each(cases)('%j → %s', (text, message) => {
    const r = parseJson(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toBe(message);
    const m = /at line (\d+) column (\d+)$/.exec(message);
    expect([r.line, r.column]).toEqual([Number(m?.[1]), Number(m?.[2])]);
  });
});
