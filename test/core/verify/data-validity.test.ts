import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../core/json/index.js';
import { jsonDataError } from '../../../core/verify/data-validity.js';
import { seededRandom } from '../../support/random-entries.js';

/** What the exact parser says: the reference the fast path must equal. */
const exact = (text: string): string | undefined => {
  const parsed = parseJson(text);
  return parsed.ok ? undefined : parsed.message;
};

const nest = (n: number, open: string, close: string, inner = '1') => open.repeat(n) + inner + close.repeat(n);

/** Texts where JSON.parse and serde_json could part: escapes, surrogates, nesting, number tokens, whitespace, numbers. */
const CRAFTED = [
  '{"a":1}', '[]', '{}', '1', '-0', '1e400', '-1.5E+3', '123456789012345678901234567890', '"x"', 'null', 'true', 'false',
  '', ' ', '01', '1.', '.5', '+1', '-', 'NaN', 'Infinity', '1e', '[1,]', '{"a":1,}', '{"a" 1}', '{a:1}', "{'a':1}",
  '{"a":1}x', '{"a":1} ', ' \t\r\n{"a":1}\n', '\ufeff{"a":1}', '{"a":1}\u00a0', '\f1', '\u000b1', '{"a":"\u0001"}', '{"a":"\u007f"}',
  '{"a":"\\u0041"}', '{"a":"\\ud83d\\ude00"}', '{"a":"\\ud800"}', '{"a":"\\udc00"}', '{"a":"\\ud800x"}', '{"a":"\\u12"}', '{"a":"\\x"}',
  '{"a":"\ud800"}', '{"a":"\udc00"}', '{"a":"\ud83d\ude00"}', '{"a":"\u2028\u2029"}', '{"a":"\\/"}', '{"a":"\\b\\f\\n\\r\\t"}',
  nest(126, '[', ']'), nest(127, '[', ']'), nest(128, '[', ']'), nest(127, '{"a":', '}'), nest(128, '{"a":', '}'),
  // The last of duplicate keys wins in both, so a deep first value must still be refused.
  `{"a":${nest(130, '[', ']')},"a":1}`, `{"a":"${'['.repeat(200)}"}`,
  '{"$serde_json::private::Number":"1.50"}', '{"$serde_json::private::Number":"x"}', '{"$serde_json::private::Number":1}',
  '{"$serde_json::private::Number":"1","b":2}', '{"b":2,"$serde_json::private::Number":"1"}', '{"a":1,"a":2}', '{"__proto__":{"x":1}}',
];

describe('jsonDataError: the exact parser\'s verdict, by the fast path where it can', () => {
  it('agrees with parseJson on crafted texts (valid or not, and the message)', () => {
    for (const text of CRAFTED) expect(jsonDataError(text), JSON.stringify(text)).toBe(exact(text));
  });

  it('agrees with parseJson on documents mutated at random', () => {
    const rand = seededRandom(12);
    const pieces = ['{', '}', '[', ']', ',', ':', '"', '\\', '\\u', '\\ud800', '\ud800', '0', '-', 'e', '.', ' ', '\t', '\u0000', 'n', 'x', '\ufeff'];
    let invalid = 0;
    for (let i = 0; i < 5000; i++) {
      let text = JSON.stringify({ name: `n${i}`, age: i, tags: ['a', { b: [i, -1.5e3] }], bio: 'lorem ipsum '.repeat(i % 7), ok: i % 2 === 0, none: null });
      for (let k = Math.floor(rand() * 3); k > 0; k--) {
        const at = Math.floor(rand() * text.length);
        const cut = Math.floor(rand() * 3);
        text = text.slice(0, at) + (rand() < 0.7 ? pieces[Math.floor(rand() * pieces.length)] : '') + text.slice(at + cut);
      }
      const want = exact(text);
      if (want !== undefined) invalid++;
      expect(jsonDataError(text), JSON.stringify(text)).toBe(want);
    }
    // Both kinds were tried.
    expect(invalid).toBeGreaterThan(1000);
    expect(invalid).toBeLessThan(4900);
  });
});
