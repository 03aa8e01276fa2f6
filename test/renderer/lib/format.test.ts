// These u64 timestamps are rounded as numbers on purpose: the exact text travels beside them.
/* eslint-disable no-loss-of-precision */
import { describe, expect, it } from 'vitest';
import { formatIsoTime, formatLocalTime } from '../../../renderer/src/lib/format.js';

describe('times past the date range (u64 timestamps)', () => {
  it('shows the exact decimal text when it is known', () => {
    expect(formatLocalTime(18446744073709551615, '18446744073709551615')).toBe('18446744073709551615 ms');
    expect(formatLocalTime(18446744073709551614, '18446744073709551614')).toBe('18446744073709551614 ms');
    expect(formatIsoTime(9223372036854775808, '9223372036854775808')).toContain('9223372036854775808 ms');
  });
  it('marks a rounded value as approximate when the exact text is not known', () => {
    expect(formatLocalTime(18446744073709551615)).toBe('≈ 18446744073709551616 ms');
  });
  it('formats ordinary times as dates', () => {
    expect(formatLocalTime(0)).toMatch(/^19(69|70)-/);
  });
});
