import { describe, expect, it } from 'vitest';
import { shapeOf } from '../../../core/history/next-state.js';
import { shapeSignature } from '../../../core/history/shape-signature.js';
import { seededRandom } from '../../support/random-entries.js';

/** What next-state's native parse accepts: JSON.parse reads it, no escaped surrogate, nesting ≤ 100. */
function nativeAccepts(text: string): boolean {
  if (/\\u[dD][89a-fA-F]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
const shapeText = (text: string): string => JSON.stringify(shapeOf(JSON.parse(text)));

function randomText(rand: () => number, depth: number): string {
  const r = rand();
  const scalars = ['1', '-0.5e+3', '"s"', '"a\\"b\\\\c\\n\\u00e9"', 'null', 'true', 'false', '12345678901234567890', '"é ☃"', '[]', '[1,{"a":{"b":2}}]'];
  if (depth > 3 || r < 0.3) return scalars[Math.floor(rand() * scalars.length)]!;
  if (r < 0.4) return `[${randomText(rand, depth + 1)}, ${randomText(rand, depth + 1)}]`;
  const keys = ['a', 'b', 'c', 'a', '__proto__', 'k{', 'q"x'].filter(() => rand() < 0.45).map((k) => JSON.stringify(k));
  const sp = rand() < 0.2 ? ' \n\t' : '';
  return `{${sp}${keys.map((k) => `${k}${sp}:${sp}${randomText(rand, depth + 1)}`).join(`,${sp}`)}${sp}}`;
}

/** The text with one character removed, doubled or replaced by one of JSON's delimiters. */
function mutated(rand: () => number, text: string): string {
  const at = Math.floor(rand() * text.length);
  const pick = ['', text[at]! + text[at]!, '"', '{', '}', '[', ']', ',', ':', '\\', '\u0001', '0', 'e', '-'][Math.floor(rand() * 14)]!;
  return text.slice(0, at) + pick + text.slice(at + 1);
}

describe('shapeSignature', () => {
  it('signs a text only where the native parse accepts it, and equal signatures mean equal shapes', () => {
    const rand = seededRandom(140);
    const bySignature = new Map<string, string>();
    let signed = 0, refused = 0;
    for (let i = 0; i < 20_000; i++) {
      const valid = randomText(rand, 0);
      const text = i % 2 === 0 ? valid : mutated(rand, valid);
      const sig = shapeSignature(text);
      if (sig === undefined) {
        refused++;
        continue;
      }
      signed++;
      expect(nativeAccepts(text), text).toBe(true);
      const shape = shapeText(text);
      const seen = bySignature.get(sig);
      if (seen === undefined) bySignature.set(sig, shape);
      else expect(shape, `${text} signs as ${sig}`).toBe(seen);
    }
    // Both branches ran many times: the checks above are not vacuous.
    expect(signed).toBeGreaterThan(5_000);
    expect(refused).toBeGreaterThan(2_000);
    expect(bySignature.size).toBeGreaterThan(50);
  });

  it('signs keys in order with nested objects, not what arrays hold', () => {
    expect(shapeSignature('{"a":1,"o":{"x":[{"y":1}],"z":{}},"t":[1]}')).toBe('{"a""o"{"x""z"{}}"t"}');
    expect(shapeSignature(' 5 ')).toBe('');
    expect(shapeSignature('"{\\"a\\":1}"')).toBe('');
    expect(shapeSignature('{ "a" : { } }')).toBe('{"a"{}}');
  });

  it('refuses what it cannot sign as the parse would read it, so the exact path decides', () => {
    for (const text of [
      '{"a":"\\ud800"}', '{"a":"\\\\uD83d"}', '{"a":"x\u0001"}', '{"a\\u0062":1}', '{"é":1}', '{"a":1} x', '{"a":1,}', '[1,]',
      '{"a":01}', '{"a":1.}', '{"a":-}', '{"a":1e}', '{"a":tru}', '', '{"a"}', '{"a":"\\x"}', '{"a":"\\u12g4"}',
      '['.repeat(65) + ']'.repeat(65), '{"a":"unterminated}',
    ]) {
      expect(shapeSignature(text), text).toBeUndefined();
    }
    expect(shapeSignature('['.repeat(64) + ']'.repeat(64))).toBe('');
    expect(shapeSignature('{"a":"\\\\ud7ff \\u00e9 \\/"}')).toBe('{"a"}');
  });
});
