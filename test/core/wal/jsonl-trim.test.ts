import { describe, expect, it } from 'vitest';
import { trimLikeRust } from '../../../core/wal/jsonl-codec.js';

// Rust's char::is_whitespace (Unicode White_Space), which str::trim uses.
const RUST_WHITE_SPACE = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, ...Array.from({ length: 11 }, (_, i) => 0x2000 + i), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000];

describe('trimLikeRust', () => {
  it('trims exactly Unicode White_Space at both ends, nothing inside, and keeps a BOM', () => {
    for (const c of RUST_WHITE_SPACE) {
      const ws = String.fromCharCode(c);
      expect(trimLikeRust(`${ws}{"a":1}${ws}`), c.toString(16)).toBe('{"a":1}');
      expect(trimLikeRust(`${ws}${ws}x`), c.toString(16)).toBe('x');
      expect(trimLikeRust(`x${ws}`), c.toString(16)).toBe('x');
      expect(trimLikeRust(`x${ws}y`), c.toString(16)).toBe(`x${ws}y`);
    }
    for (const c of [0xfeff, 0x200b, 0x180e, 0x00, 0x1c]) {
      const other = String.fromCharCode(c);
      expect(trimLikeRust(`${other}x${other}`), c.toString(16)).toBe(`${other}x${other}`);
    }
    expect(trimLikeRust('')).toBe('');
    expect(trimLikeRust(' \t ')).toBe('');
  });
});
