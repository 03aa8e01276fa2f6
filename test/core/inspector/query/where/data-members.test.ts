/**
 * The data fast paths (the WebAssembly member scan over bytes, data-members.ts, and the one-pass
 * text scan, scan-data-keys.ts) against the whole parse (core/json as serde_json, celOfJson):
 * seeded random documents — escaped and duplicate keys, unicode, numbers past 2^53 and int64,
 * fractions and exponents, deep and nested arrays — and mutations of them that are not JSON
 * (control characters, invalid UTF-8, truncation, trailing commas, leading zeros, a BOM).
 */
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../../../core/json/index.js';
import { CelUint, celOfJson, type CelValue } from '../../../../../core/inspector/query/where/cel-values.js';
import { celOfDataBytes } from '../../../../../core/inspector/query/where/data-members.js';
import { celOfDataText } from '../../../../../core/inspector/query/where/data-to-cel.js';
import { compileWhere } from '../../../../../core/inspector/query/where/compile-where.js';
import { EntryActivation } from '../../../../../core/inspector/query/where/entry-activation.js';
import { scanDataKeys } from '../../../../../core/inspector/query/where/scan-data-keys.js';
import { JsonMembersKernel } from '../../../../../core/wal/wasm/json-members.js';
import { seededRandom } from '../../../../support/random-entries.js';
import { facts } from './where-facts.js';

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** A comparable form: kinds kept apart (1, 1u, 1.0, -0.0), map entries sorted (their order is not part of a map). */
function normal(v: CelValue): unknown {
  if (typeof v === 'bigint') return { int: String(v) };
  if (typeof v === 'number') return { double: Object.is(v, -0) ? '-0' : String(v) };
  if (v instanceof CelUint) return { uint: String(v.value) };
  if (Array.isArray(v)) return v.map(normal);
  if (v instanceof Map) return { map: [...v].map(([k, x]) => [k, normal(x)]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)) };
  return v;
}

/** Only `keys` kept at the top of an object: the fast paths promise those (the whole parse, their fallback, keeps the others too). */
function cut(v: CelValue, keys: ReadonlySet<string> | null): unknown {
  if (keys === null || !(v instanceof Map)) return normal(v);
  return normal(new Map([...v].filter(([k]) => keys.has(k))));
}

/** The whole parse, cut to `keys`. */
function reference(text: string, keys: ReadonlySet<string> | null): unknown {
  const r = parseJson(text);
  return r.ok ? cut(celOfJson(r.value), keys) : null;
}

const KEYS = ['a', 'b', 'n', 'tags', 'note', '', 'é', '日本', '😀', '__proto__', 'constructor', '$x', 'a b', 'k\ufffd'];
const ESCAPED_KEYS = ['"a\\u0062"', '"\\u0061"', '"t\\"q"', '"\\n"', '"\\ud83d\\ude00"'];
const NUMBERS = [
  '0', '-0', '7', '-12', '123456789012345', '1234567890123456', '9007199254740991', '9007199254740992', '9007199254740993',
  '-9007199254740993', '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809',
  '18446744073709551615', '18446744073709551616', '1.5', '-0.0', '0.1', '1e3', '1E+2', '4e-2', '1.25E-7', '1e400', '-1e400', '5e-400',
];
const STRINGS = [
  '""', '"x"', '"hello world"', '"é"', '"日本語"', '"😀 emoji"', '"\u2028"', '"a\\nb"', '"q\\"q"', '"\\u00e9"', '"\\ud800"',
  '"\\ud83d\\ude00"', '"back\\\\slash"', '"\\/"', '"$serde_json::private::Number"',
];

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

const ws = (rand: () => number) => (rand() < 0.85 ? '' : pick(rand, [' ', '\n', '\t', '\r\n  ']));

function value(rand: () => number, depth: number): string {
  const r = rand();
  if (depth < 6 && r < 0.12) return object(rand, depth + 1);
  if (depth < 6 && r < 0.24) {
    const n = Math.floor(rand() * 4);
    return `[${ws(rand)}${Array.from({ length: n }, () => value(rand, depth + 1)).join(`,${ws(rand)}`)}${ws(rand)}]`;
  }
  if (r < 0.27) {
    const d = 58 + Math.floor(rand() * 12); // around the fast paths' 64 levels
    return '['.repeat(d) + ']'.repeat(d);
  }
  if (r < 0.5) return pick(rand, NUMBERS);
  if (r < 0.6) return pick(rand, ['true', 'false', 'null']);
  if (r < 0.7) return `"${'x'.repeat(Math.floor(rand() * 300))}"`;
  return pick(rand, STRINGS);
}

function key(rand: () => number): string {
  return rand() < 0.1 ? pick(rand, ESCAPED_KEYS) : JSON.stringify(pick(rand, KEYS));
}

function object(rand: () => number, depth: number): string {
  const n = Math.floor(rand() * 7);
  const members = Array.from({ length: n }, () => `${ws(rand)}${key(rand)}${ws(rand)}:${ws(rand)}${value(rand, depth)}`);
  return `{${members.join(',')}${ws(rand)}}`;
}

/** Ways to make a document something serde_json refuses (or to change it in other ways it takes). */
function mutate(rand: () => number, bytes: Buffer): Buffer {
  const at = Math.floor(rand() * (bytes.length + 1));
  const insert = (b: number[]) => Buffer.concat([bytes.subarray(0, at), Buffer.from(b), bytes.subarray(at)]);
  switch (Math.floor(rand() * 9)) {
    case 0: return bytes.subarray(0, at); // truncated
    case 1: return insert([Math.floor(rand() * 0x20)]); // a control character (in a string or between tokens)
    case 2: return insert([pick(rand, [0x80, 0xc3, 0xff, 0xed, 0xe2])]); // invalid UTF-8
    case 3: return insert([0x2c]); // a stray comma
    case 4: return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]); // a BOM
    case 5: return insert([0x30]); // a digit: leading zeros, or text after a value
    case 6: return insert([0x5c]); // a backslash
    case 7: return Buffer.concat([bytes, Buffer.from(pick(rand, [' ', 'x', '}', ' {}']))]);
    default: return insert([0x20]);
  }
}

const keySets: (ReadonlySet<string> | null)[] = [
  null, new Set(['a']), new Set(['n', 'tags']), new Set(['é', '日本', '😀']), new Set(['__proto__', 'constructor', '']),
  new Set(['$x', 'b', 'note']), new Set(['ab', 'a', '\n', 't"q']), new Set(['k\ufffd']),
];

describe('data fast paths give the whole parse\'s answer', () => {
  it('on 4,000 seeded random documents and mutations of them, for several key sets', () => {
    const rand = seededRandom(15);
    const kernel = JsonMembersKernel.create()!;
    let scannedBytes = 0;
    let invalid = 0;
    let members = 0;
    for (let i = 0; i < 4000; i++) {
      let bytes: Buffer = Buffer.from(rand() < 0.9 ? object(rand, 0) : value(rand, 0), 'utf8');
      if (rand() < 0.35) bytes = mutate(rand, bytes);
      const text = decoder.decode(bytes);
      const valid = parseJson(text).ok;
      if (!valid) invalid++;
      // The WebAssembly scanner takes only JSON (a subset of it).
      if (kernel.scan(bytes) >= 0) {
        expect(valid, JSON.stringify(text.slice(0, 200))).toBe(true);
        members++;
      }
      for (const keys of keySets) {
        const want = reference(text, keys);
        const label = `${JSON.stringify(text.slice(0, 200))} keys ${keys ? [...keys].join('|') : 'all'}`;
        expect(cut(celOfDataBytes(bytes, keys), keys), label).toEqual(want);
        expect(cut(celOfDataText(text, keys), keys), label).toEqual(want);
        const scanned = scanDataKeys(text, keys);
        if (scanned !== undefined) {
          scannedBytes++;
          expect(cut(scanned, keys), label).toEqual(want);
          // At the top of an object it makes only the keys asked for.
          if (keys !== null && scanned instanceof Map) expect([...scanned.keys()].filter((k) => !keys.has(k)), label).toEqual([]);
        }
      }
    }
    // The cases cover both sides: many documents are refused, many go the fast way.
    expect(invalid).toBeGreaterThan(400);
    expect(members).toBeGreaterThan(1000);
    expect(scannedBytes).toBeGreaterThan(8000);
  });

  it('keeps the last of duplicate keys, and big integers exactly', () => {
    const text = '{"n":1,"tags":["a"],"n":9223372036854775808,"x":"' + 'y'.repeat(100) + '","tags":[1.0,-0,12345678901234567890]}';
    const got = celOfDataBytes(Buffer.from(text), new Set(['n', 'tags'])) as Map<string, CelValue>;
    expect(normal(got.get('n')!)).toEqual({ uint: '9223372036854775808' });
    expect(normal(got.get('tags')!)).toEqual([{ double: '1' }, { int: '0' }, { uint: '12345678901234567890' }]);
    expect(normal(got)).toEqual(reference(text, new Set(['n', 'tags'])));
  });

  it('is null for data that is not JSON, and leaves escapes to the whole parse', () => {
    const pad = 'z'.repeat(80);
    for (const text of [`{"a":"${pad}\u0001"}`, `{"a":1,}`, `{"a":01,"p":"${pad}"}`, `\ufeff{"a":1,"p":"${pad}"}`, `{"a":"${pad}"} x`]) {
      expect(celOfDataBytes(Buffer.from(text), new Set(['a'])), text).toBeNull();
    }
    const escaped = `{"a":"\\u00e9${pad}","\\u0062":2}`;
    expect(normal(celOfDataBytes(Buffer.from(escaped), new Set(['a', 'b'])))).toEqual(reference(escaped, new Set(['a', 'b'])));
  });
});

describe('a row\'s data given as bytes answers as its text does', () => {
  it('for queries over data keys, on seeded documents (the wiring of EntryActivation to the bytes path)', () => {
    const queries = ['data.n > 5', '"x" in data.tags', 'has(data.a) && data.a == "x"', 'data.b.c == 1', 'data.n == 9223372036854775808', 'size(data) > 1', 'data["é"] == "é"'];
    const docs = [
      `{"n":9223372036854775808,"tags":["x","y"],"pad":"${'p'.repeat(80)}"}`, `{"n":6,"a":"x","b":{"c":1.0},"pad":"${'p'.repeat(80)}"}`,
      `{"n":"6","é":"é","pad":"${'p'.repeat(80)}","n":7}`, `{"n":6,"pad":"${'p'.repeat(80)}\u0001"}`, `{"a":"x","k\\u0041":1,"pad":"${'p'.repeat(80)}"}`,
    ];
    let matched = 0;
    for (const q of queries) {
      const where = compileWhere(q);
      for (const d of docs) {
        const text = where.test(new EntryActivation(facts({ data: d }), where.dataKeys));
        const bytes = where.test(new EntryActivation(facts({ data: null, dataBytes: Buffer.from(d) }), where.dataKeys));
        expect(bytes, `${q} on ${d.slice(0, 60)}`).toBe(text);
        if (text) matched++;
      }
    }
    expect(matched).toBeGreaterThan(5);
  });
});
