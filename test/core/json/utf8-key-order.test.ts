import { describe, expect, it } from 'vitest';
import { compareUtf8, sortedKeys } from '../../../core/json/index.js';

const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

describe('compareUtf8', () => {
  it('orders as UTF-8 bytes do', () => {
    const samples = ['', 'a', 'ab', 'b', 'Z', '~', '\u007f', '\u0080', 'é', '\u07ff', '\u0800', '中', '\ud7ff', '\ue000', 'ｚ', '\uffff', '\u{10000}', '😀', '😀a', '😁', '\u{10ffff}', 'a😀', 'aｚ', 'a\uffff'];
    for (const a of samples) {
      for (const b of samples) expect(Math.sign(compareUtf8(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(Math.sign(byBytes(a, b)));
    }
  });

  it('sorts map keys: "ｚ" before "😀"', () => {
    expect(sortedKeys(new Map([['😀', 1], ['ｚ', 2], ['a', 3]]))).toEqual(['a', 'ｚ', '😀']);
  });

  it('agrees with byte order on random strings', () => {
    let seed = 99;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pool = ['a', 'b', 'é', '中', '\ue000', 'ｚ', '\uffff', '😀', '𝄞', '\u{10ffff}'];
    const strings = Array.from({ length: 300 }, () => Array.from({ length: rand(4) }, () => pool[rand(pool.length)]).join(''));
    expect([...strings].sort(compareUtf8)).toEqual([...strings].sort(byBytes));
  });
});
