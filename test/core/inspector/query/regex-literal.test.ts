import { describe, expect, it } from 'vitest';
import { FOLDS_BEYOND_ASCII, requiredLiterals } from '../../../../core/inspector/query/regex-literal.js';
import { Needle } from '../../../../core/inspector/query/text-needle.js';
import { seededRandom } from '../../../support/random-entries.js';

/** The literals one of which a regular expression's matches all contain: what it finds, and that it never drops a match. */
const lit = (pattern: string, caseSensitive = false) => requiredLiterals(pattern, caseSensitive)?.map((l) => l.text).join('|') ?? null;

describe('requiredLiterals', () => {
  it('takes the longest run of required characters, and none where a match could do without', () => {
    expect(lit('name":"zz[0-9]')).toBe('name":"zz');
    expect(lit('NAME":"ZZ')).toBe('name":"zz'); // folded: lower case
    expect(lit('NAME', true)).toBe('NAME');
    expect(lit('foo(bar)?bazz')).toBe('bazz');
    expect(lit('(?:abc)+x')).toBe('abc');
    expect(lit('(abc){0}x')).toBeNull();
    expect(lit('x{2}yz')).toBe('yz');
    expect(lit('ab*c')).toBeNull(); // "a" and "c": single characters are not worth a search
    expect(lit('a\\.b\\/c')).toBe('a.b/c');
    expect(lit('[abc]def\\d')).toBe('def');
    expect(lit('^abc$')).toBe('abc');
    expect(lit('Ünïcode', true)).toBe('Ünïcode');
    expect(requiredLiterals('Ünïcode', true)?.[0]?.folded).toBe(false);
  });

  it('gives one literal per branch of an alternation, and none for a branch without, an alternation in a group, a lookaround or a character whose case folds beyond ASCII', () => {
    expect(lit('abc|d[ef]gh|abc')).toBe('abc|gh');
    expect(lit('abc|d|ef')).toBeNull();
    expect(lit('abc|')).toBeNull();
    expect(lit('x(abc|def)y')).toBeNull();
    expect(lit('(abc|def)xyz')).toBe('xyz');
    expect(lit('(?=abc)x')).toBeNull();
    expect(lit('(?!abc)xy')).toBe('xy');
    expect(lit('(?<=abc)x')).toBeNull();
    // Without case, s and k also match ſ and the Kelvin sign, and é matches É: not searched as bytes.
    expect(lit('kiss')).toBeNull();
    expect(lit('user-77')).toBe('er-77');
    expect(lit('café')).toBe('caf');
    expect(lit('kiss', true)).toBe('kiss');
  });

  it('the needle of a regular expression searches its literals', () => {
    const n = new Needle('name":"zz[0-9]|QZ\\d', false, true);
    expect([n.literals.map(String), n.folded]).toEqual([['name":"zz', 'qz'], true]);
    expect(new Needle('a|b', false, true).literals).toEqual([]);
  });

  it('without case, only s and k of ASCII match characters beyond ASCII (checked against every code point)', () => {
    const ascii = /[\x20-\x7e]/iu;
    const beyond: string[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (ascii.test(ch)) beyond.push(ch);
    }
    expect(beyond).toEqual(['\u017f', '\u212a']);
    const folds = beyond.map((ch) => [...'abcdefghijklmnopqrstuvwxyz'].filter((a) => new RegExp(a, 'iu').test(ch)).join(''));
    expect(folds.sort().join('')).toBe([...FOLDS_BEYOND_ASCII].sort().join(''));
  });

  it('never drops a match: every string a random pattern matches holds its literal (property)', () => {
    const rand = seededRandom(1616);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const CHARS = ['a', 'b', 'B', 's', 'S', 'k', 'K', '\u017f', '\u212a', 'ü', 'Ü', '"', ':', '1', '-', ' ', 'é', 'É'];
    const ATOMS = ['.', '\\d', '\\w', '\\s', '[a-c]', '[^s]', '[sk]', '\\.', '\\-'];
    const QUANTS = ['', '', '', '', '*', '+', '?', '{2}', '{0,1}', '{1,}', '+?', '*?'];
    const seq = (depth: number): string => {
      let p = '';
      const n = 1 + Math.floor(rand() * 6);
      for (let i = 0; i < n; i++) {
        const r = rand();
        if (r < 0.65) p += pick(CHARS).replace('-', '\\-') + pick(QUANTS);
        else if (r < 0.75) p += pick(ATOMS) + pick(QUANTS);
        else if (r < 0.8) p += pick(['^', '$', '\\b', '\\B']);
        else if (depth < 2 && r < 0.93) p += `${pick(['(', '(?:'])}${seq(depth + 1)}${rand() < 0.3 ? `|${seq(depth + 1)}` : ''})${pick(QUANTS)}`;
        else if (depth < 2) p += `${pick(['(?=', '(?!', '(?<=', '(?<!'])}${seq(depth + 1)})`;
      }
      return rand() < 0.25 ? `${p}|${seq(depth + 1)}` : p;
    };
    const FOLD = (b: number) => (b >= 0x41 && b <= 0x5a ? b + 32 : b);
    let withLiteral = 0;
    let withSeveral = 0;
    let matchesChecked = 0;
    for (let round = 0; round < 10000; round++) {
      const pattern = seq(0);
      const caseSensitive = rand() < 0.4;
      let re: RegExp;
      try {
        re = new RegExp(pattern, caseSensitive ? 'u' : 'iu');
      } catch {
        continue; // not a valid pattern: the search refuses it before it looks for a literal
      }
      const literals = requiredLiterals(pattern, caseSensitive);
      if (!literals) continue;
      withLiteral++;
      if (literals.length > 1) withSeveral++;
      const needles = literals.map((l) => Buffer.from(l.text, 'utf8'));
      for (let s = 0; s < 60; s++) {
        // Strings made of the pattern's own pieces and random characters, so that many match.
        let text = '';
        const parts = 1 + Math.floor(rand() * 8);
        for (let i = 0; i < parts; i++) text += rand() < 0.5 ? pick(CHARS) : pattern.replace(/[\\^$.*+?()[\]{}|]/g, '').slice(Math.floor(rand() * 3), 2 + Math.floor(rand() * 8));
        if (!re.test(text)) continue;
        matchesChecked++;
        const bytes = Buffer.from(text, 'utf8');
        const hay = caseSensitive ? bytes : Buffer.from(bytes.map(FOLD));
        const what = literals.map((l) => l.text).join(' or ');
        expect(needles.some((n) => hay.includes(n)), `${pattern} (${caseSensitive ? 'u' : 'iu'}) matches ${JSON.stringify(text)} without ${what}`).toBe(true);
      }
    }
    // Not vacuous: many patterns gave a literal, and many of their matches were checked.
    expect(withLiteral).toBeGreaterThan(300);
    expect(withSeveral).toBeGreaterThan(15);
    expect(matchesChecked).toBeGreaterThan(2000);
  });
});
