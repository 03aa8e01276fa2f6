import { describe, expect, it } from 'vitest';
import { orderByKeys } from '../../../../core/inspector/query/radix-order.js';
import { seededRandom } from '../../../support/random-entries.js';

/** The reference: a stable comparison sort, "no key" (NaN) lowest. */
function reference(keys: ArrayLike<number>, desc: boolean, subset?: ArrayLike<number>): number[] {
  const idx = subset ? Array.from(subset) : Array.from({ length: keys.length }, (_, i) => i);
  const k = (i: number) => (Number.isNaN(keys[i]!) ? -Infinity : keys[i]!);
  return idx.sort((a, b) => (desc ? k(b) - k(a) : k(a) - k(b)) || a - b);
}

describe('orderByKeys', () => {
  const rand = seededRandom(11);
  const cases: [string, () => number][] = [
    ['small counts with many ties', () => Math.floor(rand() * 5)],
    ['sizes below 2^32', () => Math.floor(rand() * 4e9)],
    ['times past 2^32 (ms since 1970)', () => 1_732_400_000_000 + Math.floor(rand() * 1e9)],
    ['keys up to 2^53 with no-key gaps', () => (rand() < 0.1 ? NaN : Math.floor(rand() * Number.MAX_SAFE_INTEGER))],
    ['one value', () => 42],
  ];
  for (const [name, make] of cases) {
    it(`orders ${name} as a stable sort does, both directions`, () => {
      const keys = Float64Array.from({ length: 5000 }, make);
      for (const desc of [false, true]) expect(Array.from(orderByKeys(keys, desc))).toEqual(reference(keys, desc));
    });
  }

  it('orders a subset of indices, and integer typed arrays', () => {
    const keys = Int32Array.from({ length: 3000 }, () => Math.floor(rand() * 1000));
    const subset = Int32Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 3 !== 0);
    for (const desc of [false, true]) expect(Array.from(orderByKeys(keys, desc, subset))).toEqual(reference(keys, desc, subset));
  });

  it('falls back to comparing for keys it cannot split into digits (negative, fractional)', () => {
    const keys = Float64Array.from([3, -1, 2.5, NaN, -1, 7]);
    for (const desc of [false, true]) expect(Array.from(orderByKeys(keys, desc))).toEqual(reference(keys, desc));
  });

  it('gives an empty order for no keys', () => {
    expect(orderByKeys(new Float64Array(0), false).length).toBe(0);
  });
});
