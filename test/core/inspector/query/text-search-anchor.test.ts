import { describe, expect, it } from 'vitest';
import { AnchorSearch } from '../../../../core/inspector/query/text-search-anchor.js';
import { seededRandom } from '../../../support/random-entries.js';

/** The anchored search against a plain scan: every place the needle starts, folded or not. */
const lower = (b: number) => (b >= 0x41 && b <= 0x5a ? b + 32 : b);

function naive(hay: Buffer, needle: Buffer, folded: boolean): number[] {
  const out: number[] = [];
  for (let s = 0; s + needle.length <= hay.length; s++) {
    let ok = true;
    for (let i = 0; i < needle.length && ok; i++) ok = (folded ? lower(hay[s + i]!) : hay[s + i]) === needle[i];
    if (ok) out.push(s);
  }
  return out;
}

describe('AnchorSearch', () => {
  it('finds every place a needle starts, with and without case, in text made mostly of one of its bytes', () => {
    const rand = seededRandom(16);
    // Mostly x (the pathological haystack of Buffer.indexOf), some letters of both cases, digits, punctuation, UTF-8.
    const alphabet = Buffer.from('xxxxxxxxxxxxxxxxXtTeE-7 "ü');
    for (let round = 0; round < 300; round++) {
      const hay = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 600) }, () => alphabet[Math.floor(rand() * alphabet.length)]!));
      const folded = rand() < 0.5;
      const start = Math.floor(rand() * hay.length);
      const raw = Buffer.from(hay.subarray(start, start + 1 + Math.floor(rand() * 12)));
      const needle = folded ? Buffer.from(raw.map(lower)) : raw;
      // A sample that is not the haystack: the anchor chosen must not change what is found.
      const sample = round % 3 === 0 ? Buffer.from('xxxxxxxx') : hay;
      const search = new AnchorSearch(needle, folded, sample);
      const want = naive(hay, needle, folded);
      const got: number[] = [];
      for (let at = search.find(hay, 0); at >= 0; at = search.find(hay, at + 1)) got.push(at);
      expect(got, `${JSON.stringify(needle.toString())} folded=${folded}`).toEqual(want);
      expect(search.occursIn(hay)).toBe(want.length > 0);
      // Skipping ahead (as the search does past a matched row) finds the first place from there.
      const from = Math.floor(rand() * hay.length);
      expect(search.find(hay, from)).toBe(want.find((s) => s >= from) ?? -1);
    }
  });
});
