import { describe, expect, it } from 'vitest';
import { JsonNumber, NUMBER_TOKEN, parseJson, toCompactText } from '../../../core/json/index.js';

function numberText(source: string): string {
  const r = parseJson(source);
  if (!r.ok) throw new Error(r.message);
  expect(r.value).toBeInstanceOf(JsonNumber);
  return (r.value as JsonNumber).text;
}

/** serde_json 1.0.149 with arbitrary_precision: digits as written, exponent `e` + sign, `-0` → `0`. */
const table: ReadonlyArray<readonly [string, string]> = [
  ['0', '0'],
  ['-0', '0'],
  ['-0.0', '-0.0'],
  ['0.0', '0.0'],
  ['0.000', '0.000'],
  ['1.50', '1.50'],
  ['1.0', '1.0'],
  ['-1', '-1'],
  ['100', '100'],
  ['0e0', '0e+0'],
  ['-0e0', '-0e+0'],
  ['-0E-0', '-0e-0'],
  ['0E+0', '0e+0'],
  ['1e5', '1e+5'],
  ['1E5', '1e+5'],
  ['1e+5', '1e+5'],
  ['1E+2', '1e+2'],
  ['1e-2', '1e-2'],
  ['1E-2', '1e-2'],
  ['2.5E-3', '2.5e-3'],
  ['1.5e05', '1.5e+05'],
  ['1e400', '1e+400'],
  ['1e-400', '1e-400'],
  ['-1.25E+10', '-1.25e+10'],
  ['12345678901234567890123456789', '12345678901234567890123456789'],
  ['-12345678901234567890123456789', '-12345678901234567890123456789'],
  ['18446744073709551615', '18446744073709551615'],
  ['18446744073709551616', '18446744073709551616'],
  ['-9223372036854775808', '-9223372036854775808'],
  ['-9223372036854775809', '-9223372036854775809'],
  ['9007199254740993', '9007199254740993'],
  ['3.14159265358979323846264338327950288419716939937510', '3.14159265358979323846264338327950288419716939937510'],
];

describe('number text normalisation', () => {
  it.each(table)('%s → %s', (source, text) => {
    expect(numberText(source)).toBe(text);
    expect(toCompactText(parseJsonValue(`[${source}]`))).toBe(`[${text}]`);
  });

  it('normalises numbers inside containers and keys them as text', () => {
    expect(toCompactText(parseJsonValue('{"b":-0,"a":[1E2,-0.0,0e-0]}'))).toBe('{"a":[1e+2,-0.0,0e-0],"b":0}');
  });
});

describe('the serde_json private number key', () => {
  it('reads an object whose first key is the token as the number in its string', () => {
    expect(numberText(`{"${NUMBER_TOKEN}":"1.50"}`)).toBe('1.50');
    expect(numberText(`{"${NUMBER_TOKEN}":"1E5"}`)).toBe('1e+5');
    expect(numberText(`{"${NUMBER_TOKEN}":"-0"}`)).toBe('0');
    expect(numberText(` { "${NUMBER_TOKEN}" : "\\u0031" } `)).toBe('1');
    expect(toCompactText(parseJsonValue(`[{"${NUMBER_TOKEN}":"7"},{"a":{"${NUMBER_TOKEN}":"8"}}]`))).toBe('[7,{"a":8}]');
  });

  it('treats the token as an ordinary key when it is not first', () => {
    expect(toCompactText(parseJsonValue(`{"a":1,"${NUMBER_TOKEN}":"2"}`))).toBe(`{"${NUMBER_TOKEN}":"2","a":1}`);
  });

  it('reports serde_json errors for a bad number object', () => {
    const msg = (t: string): string => {
      const r = parseJson(t);
      return r.ok ? 'ok' : r.message;
    };
    const k = `{"${NUMBER_TOKEN}":`;
    expect(msg(`${k}"1","b":2}`)).toBe('trailing comma at line 1 column 36');
    expect(msg(`${k}"1" "b"}`)).toBe('trailing characters at line 1 column 37');
    expect(msg(`${k}"1"`)).toBe('EOF while parsing an object at line 1 column 35');
    expect(msg(`${k}"abc"}`)).toBe('invalid number at line 1 column 1');
    expect(msg(`${k}"1x"}`)).toBe('invalid number at line 1 column 2');
    expect(msg(`${k}"-a1"}`)).toBe('invalid number at line 1 column 3');
    expect(msg(`${k}"-a"}`)).toBe('invalid number at line 1 column 2');
    expect(msg(`${k}"1e"}`)).toBe('EOF while parsing a value at line 1 column 2');
    expect(msg(`${k}""}`)).toBe('EOF while parsing a value at line 1 column 0');
    expect(msg(`${k}5}`)).toBe('invalid type: integer `5`, expected string containing a number at line 1 column 33');
    expect(msg(`${k}-0}`)).toBe('invalid type: integer `0`, expected string containing a number at line 1 column 34');
    expect(msg(`${k}1.5}`)).toBe('invalid type: number, expected string containing a number at line 1 column 35');
    expect(msg(`${k}null}`)).toBe('invalid type: null, expected string containing a number at line 1 column 36');
    expect(msg(`${k}true}`)).toBe('invalid type: boolean `true`, expected string containing a number at line 1 column 36');
    expect(msg(`${k}[1]}`)).toBe('invalid type: sequence, expected string containing a number at line 1 column 32');
    expect(msg(`${k}{}}`)).toBe('invalid type: map, expected string containing a number at line 1 column 32');
    expect(msg(`${k}x}`)).toBe('expected value at line 1 column 33');
  });
});

function parseJsonValue(text: string): ReturnType<typeof parseJson> extends infer R ? (R extends { ok: true; value: infer V } ? V : never) : never {
  const r = parseJson(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}
