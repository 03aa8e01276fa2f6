import { describe, expect, it } from 'vitest';
import { JsonNumber, JsonObject, fromJsValue, parseJson, quoteJsonText, toCompactText, type JsonValue } from '../../../core/json/index.js';

function value(text: string): JsonValue {
  const r = parseJson(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** serde_json's escape table, written out independently of the implementation. */
function serdeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 8) out += '\\b';
    else if (c === 9) out += '\\t';
    else if (c === 10) out += '\\n';
    else if (c === 12) out += '\\f';
    else if (c === 13) out += '\\r';
    else if (c < 0x20) out += '\\u00' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

describe('toCompactText: strings', () => {
  it('escapes only quote, backslash and control characters, like serde_json', () => {
    for (let c = 0; c < 0x80; c++) {
      const s = `a${String.fromCharCode(c)}b`;
      expect(quoteJsonText(s)).toBe(serdeQuote(s));
    }
    expect(toCompactText('\u0000\u0001\u001f')).toBe('"\\u0000\\u0001\\u001f"');
    expect(toCompactText('\b\f\n\r\t')).toBe('"\\b\\f\\n\\r\\t"');
    expect(toCompactText('\u000b\u001b')).toBe('"\\u000b\\u001b"');
  });

  it('writes /, DEL, U+2028, U+2029, the BOM, non-BMP and other characters raw', () => {
    const raw = '/\u007f\u0080\u00a0\u2028\u2029\ufeff\uffff😀𠀀é中';
    expect(toCompactText(raw)).toBe(`"${raw}"`);
    expect(toCompactText(value('"\\u2028\\u2029\\/\\u007f"'))).toBe('"\u2028\u2029/\u007f"');
  });

  it('throws a TypeError for a lone surrogate in a string or a key', () => {
    expect(() => toCompactText('a\ud800b')).toThrow(TypeError);
    expect(() => toCompactText('\udc00')).toThrow(TypeError);
    expect(() => toCompactText(['ok', '\ud83d'])).toThrow(TypeError);
    expect(() => toCompactText(new JsonObject([['\ude00', null]]))).toThrow(TypeError);
    expect(toCompactText('\ud83d\ude00')).toBe('"😀"');
  });
});

describe('toCompactText: structure', () => {
  it('prints without whitespace', () => {
    expect(toCompactText(value(' { "a" : [ 1 , true , null , "x" , { } , [ ] ] } '))).toBe('{"a":[1,true,null,"x",{},[]]}');
    expect(toCompactText(null)).toBe('null');
    expect(toCompactText(true)).toBe('true');
    expect(toCompactText(new JsonNumber('1.50'))).toBe('1.50');
  });

  it('sorts keys by UTF-8 bytes at every level', () => {
    const text = '{"😀":"U+1F600","ｚ":"U+FF5A","émile":1,"zeta":1,"echo":2,"alpha":{"yankee":2,"bravo":[{"delta":1,"charlie":2},{"b":null,"a":false}]},"a b":1,"_under":3,"Mike":0,"A":1,"9":2,"10":1,"":"empty key"}';
    expect(toCompactText(value(text))).toBe(
      '{"":"empty key","10":1,"9":2,"A":1,"Mike":0,"_under":3,"a b":1,"alpha":{"bravo":[{"charlie":2,"delta":1},{"a":false,"b":null}],"yankee":2},"echo":2,"zeta":1,"émile":1,"ｚ":"U+FF5A","😀":"U+1F600"}',
    );
  });

  it('orders astral keys after all BMP keys, unlike JavaScript string order', () => {
    const keys = ['😀', 'ｚ', '\ue000', '\uffff', '𝄞', 'z', '\u{10ffff}', '\u{10000}'];
    expect(['😀', 'ｚ'].sort()).toEqual(['😀', 'ｚ']); // UTF-16 order puts the emoji first
    const obj = new JsonObject(keys.map((k) => [k, null] as const));
    expect(toCompactText(obj)).toBe('{"z":null,"\ue000":null,"ｚ":null,"\uffff":null,"\u{10000}":null,"𝄞":null,"😀":null,"\u{10ffff}":null}');
  });

  it('sorts keys that share a prefix shortest first', () => {
    expect(toCompactText(value('{"ab":1,"a":2,"abc":3,"":4}'))).toBe('{"":4,"a":2,"ab":1,"abc":3}');
  });

  it('throws a TypeError for something that is not a JsonValue', () => {
    expect(() => toCompactText(1 as unknown as JsonValue)).toThrow(TypeError);
    expect(() => toCompactText(undefined as unknown as JsonValue)).toThrow(TypeError);
    expect(() => toCompactText({ a: 1 } as unknown as JsonValue)).toThrow(TypeError);
  });

  it('round-trips serde_json compact text byte for byte', () => {
    for (const text of ['{"a":1,"b":[1.0,-0.0,1e+5,"\\u0000\\n"]}', '[]', '{}', '"\u2028"', '[[[[{"k":{}}]]]]', '12345678901234567890']) {
      expect(toCompactText(value(text))).toBe(text);
    }
  });

  it('matches JSON.stringify with sorted keys on random plain data', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const strings = ['', 'a', 'B', 'é', '\n', '"', '\\', '😀', 'ｚ', '\u2028', '\u0001', 'key', 'Key'];
    const make = (depth: number): unknown => {
      switch (depth > 3 ? rand(4) : rand(6)) {
        case 0: return rand(1000) - 500;
        case 1: return strings[rand(strings.length)];
        case 2: return rand(2) === 0;
        case 3: return null;
        case 4: return Array.from({ length: rand(4) }, () => make(depth + 1));
        default: return Object.fromEntries(Array.from({ length: rand(5) }, () => [strings[rand(strings.length)], make(depth + 1)]));
      }
    };
    const printSorted = (v: unknown): string => {
      if (Array.isArray(v)) return '[' + v.map(printSorted).join(',') + ']';
      if (v && typeof v === 'object') {
        const entries = Object.entries(v).sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        return '{' + entries.map(([k, x]) => JSON.stringify(k) + ':' + printSorted(x)).join(',') + '}';
      }
      return JSON.stringify(v);
    };
    for (let i = 0; i < 2000; i++) {
      const data = make(0);
      const expected = printSorted(data);
      expect(toCompactText(fromJsValue(data))).toBe(expected);
      expect(toCompactText(value(JSON.stringify(data)))).toBe(expected);
    }
  });
});
