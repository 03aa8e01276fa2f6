import { describe, expect, it } from 'vitest';
import { AnchorSearch, AnyOfSearch } from '../../../../core/inspector/query/text-search-anchor.js';
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

  it('finds every place any of several needles starts, the shortest where two start together', () => {
    const rand = seededRandom(17);
    const alphabet = Buffer.from('xxxxxxxxxxXtTeE-7 "ü');
    for (let round = 0; round < 300; round++) {
      const hay = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 400) }, () => alphabet[Math.floor(rand() * alphabet.length)]!));
      const folded = rand() < 0.5;
      const needles = Array.from({ length: 2 + Math.floor(rand() * 3) }, () => {
        const start = Math.floor(rand() * hay.length);
        const raw = Buffer.from(hay.subarray(start, start + 1 + Math.floor(rand() * 6)));
        return folded ? Buffer.from(raw.map(lower)) : raw;
      });
      const search = new AnyOfSearch(needles.map((n) => new AnchorSearch(n, folded, hay)));
      // Every start of any needle, with the shortest needle starting there.
      const want = new Map<number, number>();
      for (const n of needles) for (const at of naive(hay, n, folded)) want.set(at, Math.min(want.get(at) ?? Infinity, n.length));
      const got = new Map<number, number>();
      for (let at = search.find(hay, 0); at >= 0; at = search.find(hay, at + 1)) got.set(at, search.length);
      expect([...got].sort((a, b) => a[0] - b[0]), needles.map(String).join(' | ')).toEqual([...want].sort((a, b) => a[0] - b[0]));
      // Skipping ahead, and starting again on a new haystack (a new run), finds the first place from there.
      const from = Math.floor(rand() * hay.length);
      const first = Math.min(...[...want.keys()].filter((s) => s >= from));
      expect(search.find(Buffer.from(hay), from)).toBe(Number.isFinite(first) ? first : -1);
    }
  });
});
