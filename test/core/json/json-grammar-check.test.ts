import { describe, expect, it } from 'vitest';
import { surelyValidJson } from '../../../core/json/json-grammar-check.js';
import { parseJson } from '../../../core/json/index.js';
import { seededRandom } from '../../support/random-entries.js';

const parses = (text: string) => parseJson(text).ok;

/** Texts the check leaves to parseJson by design: it is exact on every other text. */
const undecided = (text: string) => text.includes('\\u') || /[\ud800-\udfff]/.test(text) || text.includes('$') || (text.match(/[[{]/g)?.length ?? 0) >= 127;

const nest = (n: number, open: string, close: string, inner = '1') => open.repeat(n) + inner + close.repeat(n);

const CRAFTED = [
  '{"a":1}', '[]', '{}', '1', '-0', '0', '1e400', '-1.5E+3', '1E-2', '1e+2', '123456789012345678901234567890', '"x"', 'null', 'true', 'false',
  '', ' ', '01', '-01', '00', '1.', '.5', '+1', '-', '--1', 'NaN', 'Infinity', '1e', '1e+', '1.e1', '[1,]', '[,1]', '[1 2]', '{"a":1,}', '{,}', '{"a" 1}', '{"a"}', '{a:1}', "{'a':1}",
  '{"a":1}x', '{"a":1} ', ' \t\r\n{"a":1}\n', '\ufeff{"a":1}', '{"a":1}\u00a0', '\f1', '\u000b1', '{"a":"\u0001"}', '{"a":"\u001f"}', '{"a":"\u0020"}', '{"a":"\u007f"}',
  '{"a":"\\u0041"}', '{"a":"\\ud83d\\ude00"}', '{"a":"\\ud800"}', '{"a":"\ud800"}', '{"a":"\ud83d\ude00"}', '{"a":"\u2028\u2029"}',
  '{"a":"\\/"}', '{"a":"\\b\\f\\n\\r\\t\\"\\\\"}', '{"a":"\\x"}', '{"a":"\\', '{"a":"', '"', '"\\"', '[', ']', '{', '}', '[[]', '[]]', '{"a":[}', '{"a":{]}',
  'tru', 'nul', 'falsey', 'true false', '[true,false,null]', '{"a":{"b":[1,{"c":null}]},"d":"e"}',
  nest(126, '[', ']'), nest(127, '[', ']'), nest(128, '[', ']'), nest(127, '[', ']', ''), nest(128, '[', ']', ''), nest(127, '{"a":', '}'), nest(128, '{"a":', '}'),
  '{"$serde_json::private::Number":"1.50"}', '{"$serde_json::private::Number":"x"}', '{"b":2,"$serde_json::private::Number":"1"}',
];

/** A random JSON value as JSON.stringify writes it, with the odd whitespace serde_json allows. */
function randomJson(rand: () => number, depth = 0): string {
  const ws = () => (rand() < 0.1 ? [' ', '\t', '\n', '\r'][Math.floor(rand() * 4)]! : '');
  const r = rand();
  if (depth > 4 || r < 0.3) {
    const leaf = [
      () => String(Math.floor(rand() * 1e6) - 5e5), () => String((rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20)),
      () => JSON.stringify('s' + 'é"\\/\n\t\b\fé€ab'.slice(0, Math.floor(rand() * 16))), () => 'true', () => 'false', () => 'null',
    ];
    return leaf[Math.floor(rand() * leaf.length)]!();
  }
  const n = Math.floor(rand() * 5);
  const items: string[] = [];
  for (let i = 0; i < n; i++) items.push(ws() + (r < 0.65 ? '' : `${JSON.stringify('k' + i)}${ws()}:${ws()}`) + randomJson(rand, depth + 1) + ws());
  return r < 0.65 ? `[${items.join(',')}${ws()}]` : `{${items.join(',')}${ws()}}`;
}

describe('surelyValidJson: true only where serde_json (parseJson) parses', () => {
  it('is exact on crafted texts it decides, and never true where parseJson refuses', () => {
    for (const text of CRAFTED) {
      if (surelyValidJson(text)) expect(parses(text), JSON.stringify(text)).toBe(true);
      if (!undecided(text)) expect(surelyValidJson(text), JSON.stringify(text)).toBe(parses(text));
    }
    // The limits: 127 levels decided, the 128th left to parseJson (which refuses it).
    expect(surelyValidJson(nest(127, '[', ']'))).toBe(true);
    expect(surelyValidJson(nest(128, '[', ']'))).toBe(false);
    expect(surelyValidJson('{"a":"\\ud83d\\ude00"}')).toBe(false);
  });

  it('decides every random valid document of the common kind', () => {
    const rand = seededRandom(3);
    for (let i = 0; i < 3000; i++) {
      const text = randomJson(rand);
      expect(parses(text), text).toBe(true);
      expect(surelyValidJson(text), text).toBe(true);
    }
  });

  it('agrees with parseJson on random documents mutated at random', () => {
    const rand = seededRandom(21);
    const pieces = ['{', '}', '[', ']', ',', ':', '"', '\\', '\\u', '\ud800', '0', '00', '-', 'e', 'E+', '.', ' ', '\t', '\u000b', '\u0000', '\u001f', 'n', 'tru', 'x', '\ufeff', '$'];
    let valid = 0;
    let invalid = 0;
    for (let i = 0; i < 20000; i++) {
      let text = randomJson(rand);
      for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
        const at = Math.floor(rand() * (text.length + 1));
        const cut = Math.floor(rand() * 3);
        text = text.slice(0, at) + (rand() < 0.7 ? pieces[Math.floor(rand() * pieces.length)] : '') + text.slice(at + cut);
      }
      const want = parses(text);
      if (want) valid++;
      else invalid++;
      if (surelyValidJson(text)) expect(want, JSON.stringify(text)).toBe(true);
      if (!undecided(text)) expect(surelyValidJson(text), JSON.stringify(text)).toBe(want);
    }
    // Both kinds were tried, many of each.
    expect(valid).toBeGreaterThan(1000);
    expect(invalid).toBeGreaterThan(5000);
  });
});
