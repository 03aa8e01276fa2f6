import { describe, expect, it } from 'vitest';
import { JsonNumber, JsonObject, isWellFormed, parseJson, toCompactText, type JsonValue } from '../../../core/json/index.js';

function parsed(text: string): JsonValue {
  const r = parseJson(text);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to parse: ${r.message}`);
  return r.value;
}

function failure(text: string): string {
  const r = parseJson(text);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to fail, got ${toCompactText(r.value)}`);
  return r.message;
}

describe('parseJson: values', () => {
  it('reads every kind of value', () => {
    expect(parsed('null')).toBe(null);
    expect(parsed('true')).toBe(true);
    expect(parsed('false')).toBe(false);
    expect(parsed('"hi"')).toBe('hi');
    expect(parsed('12')).toEqual(new JsonNumber('12'));
    expect(parsed('[]')).toEqual([]);
    const obj = parsed('{"a":[1,{"b":null}],"c":"d"}');
    expect(obj).toBeInstanceOf(JsonObject);
    expect(toCompactText(obj)).toBe('{"a":[1,{"b":null}],"c":"d"}');
  });

  it('accepts only space, tab, LF and CR as whitespace', () => {
    expect(toCompactText(parsed(' \t\r\n[ 1 ,\n2\t]\r\n '))).toBe('[1,2]');
    for (const ws of ['\f', '\v', '\u00a0', '\u2028', '\ufeff', '\u3000']) {
      expect(parseJson(`${ws}1`).ok).toBe(false);
      expect(parseJson(`1${ws}`).ok).toBe(false);
      expect(parseJson(`[1,${ws}2]`).ok).toBe(false);
    }
  });

  it('rejects a leading byte-order mark', () => {
    expect(failure('\ufeff{}')).toBe('expected value at line 1 column 1');
    expect(failure('\ufeff"x"')).toBe('expected value at line 1 column 1');
  });

  it('rejects trailing commas, comments, single quotes, bare words and empty input', () => {
    for (const bad of ['[1,]', '{"a":1,}', '[1]//c', '/*c*/1', "'a'", 'NaN', 'Infinity', 'undefined', '', '   ', '{a:1}', '[,1]', '{,}', '[1,,2]', '{"a" 1}', '{"a":1 "b":2}', '+1', '.5', '1.', '1e', '1e+', '01', '-01', '00', '0x10', '- 1', '1 2']) {
      expect(parseJson(bad).ok, JSON.stringify(bad)).toBe(false);
    }
  });

  it('rejects trailing non-whitespace after the value', () => {
    expect(failure('{} x')).toBe('trailing characters at line 1 column 4');
    expect(failure('1 2')).toBe('trailing characters at line 1 column 3');
    expect(failure('"a""b"')).toBe('trailing characters at line 1 column 4');
    expect(failure('[]]')).toBe('trailing characters at line 1 column 3');
    expect(failure('null\u0000')).toBe('trailing characters at line 1 column 5');
  });

  it('keeps the last value of a duplicated key', () => {
    const value = parsed('{"a":1,"b":2,"a":{"x":3},"b":[],"a":"last"}');
    expect(toCompactText(value)).toBe('{"a":"last","b":[]}');
    expect((value as JsonObject).entries.size).toBe(2);
  });

  it('keeps keys like __proto__ and constructor as ordinary keys', () => {
    const value = parsed('{"__proto__":1,"constructor":2,"toString":3}') as JsonObject;
    expect(value.get('__proto__')).toEqual(new JsonNumber('1'));
    expect(toCompactText(value)).toBe('{"__proto__":1,"constructor":2,"toString":3}');
  });

  it('keeps the object insertion order of first appearance', () => {
    const value = parsed('{"z":1,"a":2,"m":3,"z":4}') as JsonObject;
    expect(Array.from(value.entries.keys())).toEqual(['z', 'a', 'm']);
  });
});

describe('parseJson: strings', () => {
  it('decodes every escape', () => {
    expect(parsed('"\\" \\\\ \\/ \\b \\f \\n \\r \\t"')).toBe('" \\ / \b \f \n \r \t');
    expect(parsed('"\\u0041\\u00e9\\u4e2D\\uFFFF\\u0000"')).toBe('Aé中\uffff\u0000');
  });

  it('decodes a valid surrogate pair to one code point', () => {
    expect(parsed('"\\ud83d\\ude00"')).toBe('😀');
    expect(parsed('"\\uD834\\uDD1E"')).toBe('𝄞');
    expect(parsed('"\\udbff\\udfff"')).toBe('\u{10ffff}');
    expect(parsed('"\\ud800\\udc00"')).toBe('\u{10000}');
    expect(parsed('"a\\ud83d\\ude00b"')).toBe('a😀b');
  });

  it('rejects unpaired surrogate escapes (JSON.parse accepts them)', () => {
    expect(() => JSON.parse('"\\ud800"')).not.toThrow();
    expect(failure('"\\ud800"')).toBe('unexpected end of hex escape at line 1 column 8');
    expect(failure('"\\ud800x"')).toBe('unexpected end of hex escape at line 1 column 8');
    expect(failure('"\\ud800\\n"')).toBe('unexpected end of hex escape at line 1 column 9');
    expect(failure('"\\ud800\\u0041"')).toBe('lone leading surrogate in hex escape at line 1 column 13');
    expect(failure('"\\ud800\\ud800"')).toBe('lone leading surrogate in hex escape at line 1 column 13');
    expect(failure('"\\udc00"')).toBe('lone leading surrogate in hex escape at line 1 column 7');
    expect(failure('"\\ude00\\ud83d"')).toBe('lone leading surrogate in hex escape at line 1 column 7');
    expect(failure('"\\ud800')).toBe('EOF while parsing a string at line 1 column 7');
    expect(failure('"\\ud800\\')).toBe('EOF while parsing a string at line 1 column 8');
    expect(failure('["\\udfff"]')).toBe('lone leading surrogate in hex escape at line 1 column 8');
    expect(failure('{"\\ud800":1}')).toBe('unexpected end of hex escape at line 1 column 9');
  });

  it('rejects raw control characters below U+0020 inside strings', () => {
    for (let c = 0; c < 0x20; c++) {
      const r = parseJson(`"a${String.fromCharCode(c)}b"`);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/^control character \(\\u0000-\\u001F\) found while parsing a string at line /);
    }
    expect(failure('"ab\u0001"')).toBe('control character (\\u0000-\\u001F) found while parsing a string at line 1 column 4');
    expect(failure('"a\nb"')).toBe('control character (\\u0000-\\u001F) found while parsing a string at line 2 column 0');
    expect(failure('{"k\t":1}')).toBe('control character (\\u0000-\\u001F) found while parsing a string at line 1 column 4');
  });

  it('accepts DEL, U+2028/U+2029, the BOM and astral characters raw inside strings', () => {
    expect(parsed('"\u007f\u2028\u2029\ufeff😀"')).toBe('\u007f\u2028\u2029\ufeff😀');
  });

  it('rejects invalid escapes', () => {
    expect(failure('"\\x"')).toBe('invalid escape at line 1 column 3');
    expect(failure('"\\U0041"')).toBe('invalid escape at line 1 column 3');
    expect(failure('"\\\'"')).toBe('invalid escape at line 1 column 3');
    expect(failure('"\\u00g0"')).toBe('invalid escape at line 1 column 6');
    expect(failure('"\\u12"')).toBe('EOF while parsing a string at line 1 column 6');
    expect(failure('"\\u00é"')).toBe('invalid escape at line 1 column 6');
    expect(failure('"\\')).toBe('EOF while parsing a string at line 1 column 2');
  });

  it('reports an unterminated string', () => {
    expect(failure('"abc')).toBe('EOF while parsing a string at line 1 column 4');
    expect(failure('["a", "b')).toBe('EOF while parsing a string at line 1 column 8');
  });

  it('reads long strings with and without escapes', () => {
    const plain = 'x'.repeat(1_000_000);
    expect(parsed(`"${plain}"`)).toBe(plain);
    const escaped = 'a\\nb'.repeat(100_000);
    expect(parsed(`"${escaped}"`)).toBe('a\nb'.repeat(100_000));
  });
});

describe('parseJson: long strings', () => {
  it('decodes escapes and quotes far into a string', () => {
    const long = 'x'.repeat(100);
    const r = parseJson(`{"k":"${long}\\"${long}\\u00e9\\n${long}"}`);
    expect(r.ok && (r.value as JsonObject).get('k')).toBe(`${long}"${long}é\n${long}`);
  });
});

describe('parseJson: nesting', () => {
  it('parses 127 nested arrays and rejects 128', () => {
    expect(parseJson('['.repeat(127) + ']'.repeat(127)).ok).toBe(true);
    expect(failure('['.repeat(128) + ']'.repeat(128))).toBe('recursion limit exceeded at line 1 column 128');
  });

  it('counts objects and arrays together', () => {
    const ok = '{"a":['.repeat(63) + '{}' + ']}'.repeat(63); // 127 levels
    expect(parseJson(ok).ok).toBe(true);
    const bad = '{"a":['.repeat(64) + ']}'.repeat(64); // 128 levels
    expect(failure(bad)).toMatch(/^recursion limit exceeded at line 1 column /);
  });

  it('allows any number of sibling containers at depth 127', () => {
    const deep = '['.repeat(126) + '[],'.repeat(1000) + '[]' + ']'.repeat(126);
    expect(parseJson(deep).ok).toBe(true);
  });

  it('never blows the stack on hostile nesting', () => {
    expect(failure('['.repeat(1_000_000))).toBe('recursion limit exceeded at line 1 column 128');
    expect(failure('{"a":'.repeat(1_000_000))).toBe('recursion limit exceeded at line 1 column 636');
  });

  it('recovers depth after closing containers', () => {
    const many = ('['.repeat(127) + ']'.repeat(127) + ',').repeat(10);
    expect(parseJson(`[${many}0]`).ok).toBe(false); // the outer array makes 128
    expect(parseJson(`[${('['.repeat(126) + ']'.repeat(126) + ',').repeat(10)}0]`).ok).toBe(true);
  });
});

describe('parseJson: input that is not UTF-8 text', () => {
  it('rejects a JavaScript string holding a lone surrogate', () => {
    expect(failure('"\ud800"')).toBe('invalid unicode code point at line 1 column 2');
    expect(failure('\udc00')).toBe('invalid unicode code point at line 1 column 1');
    expect(failure('[1, "ok", "\ude00"]')).toMatch(/^invalid unicode code point at line 1 column 12$/);
  });

  it('reports an earlier syntax error first', () => {
    expect(failure('[1,,"\ud800"]')).toBe('expected value at line 1 column 4');
  });
});

describe('parseJson: differential check against JSON.parse', () => {
  // Mutations of valid JSON, with no 'd'/'D' in the alphabet so no surrogate escape appears
  // (the one place where JSON.parse is more lenient), and shallow nesting.
  const alphabet = ['[', ']', '{', '}', '"', ',', ':', '0', '1', '9', '-', '+', '.', 'e', 'E', ' ', '\n', '\t', 't', 'r', 'u', 'n', 'l', 'f', 'a', 's', '\\', 'b', 'x', '/', '\u0001', 'é', '😀', '\u2028'];
  const seeds = ['{"a":[1,2.5,-3e+2,true,false,null],"b":{"c":"x\\ny"}}', '[0,-0,0.0,1E5,"\\u0041\\/",[[]],{}]', '"str\\"ing"', '123.456e-7', '{"k":{"k":{"k":[]}}}'];
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };

  it('agrees on validity and on the values for 20000 mutated texts', () => {
    let valid = 0;
    for (let i = 0; i < 20000; i++) {
      let text = seeds[rand(seeds.length)] as string;
      for (let m = 1 + rand(3); m > 0; m--) {
        const at = rand(text.length + 1);
        const op = rand(3);
        const ch = alphabet[rand(alphabet.length)] as string;
        text = op === 0 ? text.slice(0, at) + ch + text.slice(at) : op === 1 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + ch + text.slice(at + 1);
      }
      if (!isWellFormed(text)) {
        // a unit of an astral character was cut: no UTF-8 text, JSON.parse would still take it
        expect(parseJson(text).ok).toBe(false);
        continue;
      }
      let expected: unknown;
      let jsOk = true;
      try {
        expected = JSON.parse(text);
      } catch {
        jsOk = false;
      }
      const r = parseJson(text);
      expect(r.ok, JSON.stringify(text)).toBe(jsOk);
      if (r.ok) {
        valid++;
        expect(sameValue(r.value, expected), JSON.stringify(text)).toBe(true);
      }
    }
    expect(valid).toBeGreaterThan(1000);
  });
});

function sameValue(ours: JsonValue, theirs: unknown): boolean {
  if (ours instanceof JsonNumber) return typeof theirs === 'number' && Number(ours.text) === theirs;
  if (Array.isArray(ours)) {
    return Array.isArray(theirs) && ours.length === theirs.length && ours.every((v, i) => sameValue(v, theirs[i]));
  }
  if (ours instanceof JsonObject) {
    if (typeof theirs !== 'object' || theirs === null || Array.isArray(theirs)) return false;
    const keys = Object.keys(theirs);
    return keys.length === ours.entries.size && keys.every((k) => ours.entries.has(k) && sameValue(ours.entries.get(k) as JsonValue, (theirs as Record<string, unknown>)[k]));
  }
  return ours === theirs;
}
