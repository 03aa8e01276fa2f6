import { describe, expect, it } from 'vitest';
import { textMatchRanges } from '../../../renderer/src/lib/text-match-ranges.js';

describe('textMatchRanges', () => {
  const stored = '{"name":"Alice","note":"ALICE met alice; Ünïcode ünïcode"}';
  const at = (ranges: [number, number][]) => ranges.map(([a, b]) => stored.slice(a, b));
  it('folds ASCII case only, as the service does', () => {
    expect(at(textMatchRanges(stored, { text: 'alice', caseSensitive: false, regex: false }))).toEqual(['Alice', 'ALICE', 'alice']);
    expect(at(textMatchRanges(stored, { text: 'ünïcode', caseSensitive: false, regex: false }))).toEqual(['ünïcode']);
    expect(at(textMatchRanges(stored, { text: 'Alice', caseSensitive: true, regex: false }))).toEqual(['Alice']);
  });
  it('matches regular expressions (folding all case without case-sensitivity), and nothing for a malformed one', () => {
    expect(at(textMatchRanges(stored, { text: 'ü[^ "]+', caseSensitive: false, regex: true }))).toEqual(['Ünïcode', 'ünïcode']);
    expect(at(textMatchRanges(stored, { text: '"\\w+":', caseSensitive: true, regex: true }))).toEqual(['"name":', '"note":']);
    expect(textMatchRanges(stored, { text: 'a(', caseSensitive: false, regex: true })).toEqual([]);
    expect(textMatchRanges(stored, { text: 'x*', caseSensitive: false, regex: true })).toEqual([]);
  });
  it('stops at the most asked for', () => {
    expect(textMatchRanges('aaaa', { text: 'a', caseSensitive: true, regex: false }, 2)).toEqual([[0, 1], [1, 2]]);
  });
});
