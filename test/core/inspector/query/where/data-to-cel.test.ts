import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../../../core/json/index.js';
import { celOfJson } from '../../../../../core/inspector/query/where/cel-values.js';
import { celOfDataText } from '../../../../../core/inspector/query/where/data-to-cel.js';

const reference = (text: string) => {
  const r = parseJson(text);
  return r.ok ? celOfJson(r.value) : null;
};

describe('data as CEL values: the native fast path gives serde_json\'s answer', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const cases = [
    '{"a":1,"b":[true,null,"x"],"c":{"d":-0}}', '{"n":123456789012345}', '{"n":1234567890123456}', '{"big":9007199254740993}',
    '{"d":1.5}', '{"e":1e3}', '{"s":"12.5 in text"}', '{"k":"a","k":"b"}', '{"__proto__":{"x":1}}', '{"u":"\\u00e9"}',
    '{"lone":"\\ud800"}', '"just a string"', '42', 'null', '{"a":1,}', '\ufeff{}', 'not json', '{"t":"tab\there"}',
    '{"$serde_json::private::Number":"1.50"}', deep(127), deep(128), '{"x":"' + 'y'.repeat(5000) + '"}',
  ];
  it('on numbers, escapes, duplicate keys, invalid text, depth', () => {
    for (const text of cases) expect(celOfDataText(text), text.slice(0, 60)).toEqual(reference(text));
  });
});

describe('the fast path\'s edges', () => {
  it('2^53 and past, exponents and fractions after digits, digits before a dot in a string', () => {
    for (const text of ['{"n":9007199254740991}', '{"n":9007199254740992}', '{"n":-9007199254740993}', '{"n":4E2}', '{"n":4e-2}',
      '{"s":"v1.2"}', '{"s":"e"}', '[1,2.0]', '.5', '{"x":12345678901234567890}']) {
      expect(celOfDataText(text), text).toEqual(reference(text));
    }
  });
});

describe('data made only of the keys an expression reads', () => {
  /** The reference with only `keys` kept at the top (a non-object stays whole). */
  const projectedReference = (text: string, keys: Set<string>) => {
    const full = reference(text);
    if (!(full instanceof Map)) return full;
    return new Map([...full].filter(([k]) => keys.has(k)));
  };
  const cut = (v: unknown, keys: Set<string>) => (v instanceof Map ? new Map([...v].filter(([k]) => keys.has(k as string))) : v);
  const deepIn = (n: number) => `{"a":1,"deep":${'['.repeat(n)}${']'.repeat(n)}}`;
  it('gives those keys the whole parse\'s values, and null wherever the whole would be', () => {
    const keys = new Set(['a', 'k', '__proto__', 'missing']);
    for (const text of ['{"a":1,"b":{"c":[1,2]}}', '{"k":"a","k":"b"}', '{"b":9007199254740993,"a":2}', '{"a":{"big":9007199254740993}}',
      '{"__proto__":{"x":1},"a":[]}', deepIn(126), deepIn(127), deepIn(200), '[1,2]', '"a"', 'null', '{"a":1,"b":}', '{"a":1.5,"b":"\\u00e9"}']) {
      // (Text nested too deep to cut safely is converted whole: the other keys are never read.)
      expect(projectedReference(text, keys), text.slice(0, 60)).toEqual(cut(celOfDataText(text, keys), keys));
    }
  });
});
