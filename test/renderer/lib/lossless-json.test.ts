import { describe, expect, it } from 'vitest';
import { jsonEqual } from '../../../renderer/src/lib/json-diff.js';
import { LosslessNumber, parseLossless, stringifyLossless } from '../../../renderer/src/lib/lossless-json.js';

describe('lossless JSON for display', () => {
  const text = '{"big_int":12345678901234567890123456789,"huge":1e+400,"neg_zero_dec":-0.0,"s":"1.50 \\" 7","trailing_zeros":1.50,"u64_max":18446744073709551615,"arr":[1,-2.5e-3,{"x":0}],"__proto__":{"a":true}}';

  it('keeps every number as written', () => {
    const v = parseLossless(text) as Record<string, unknown>;
    expect((v['big_int'] as LosslessNumber).text).toBe('12345678901234567890123456789');
    expect((v['huge'] as LosslessNumber).text).toBe('1e+400');
    expect((v['neg_zero_dec'] as LosslessNumber).text).toBe('-0.0');
    expect((v['trailing_zeros'] as LosslessNumber).text).toBe('1.50');
    expect((v['u64_max'] as LosslessNumber).text).toBe('18446744073709551615');
    expect(v['s']).toBe('1.50 " 7');
    expect(Object.keys(v['__proto__'] as object)).toEqual(['a']);
  });

  it('prints back with the same digits', () => {
    const out = stringifyLossless(parseLossless(text));
    for (const n of ['12345678901234567890123456789', '1e+400', '-0.0', '1.50', '18446744073709551615', '-2.5e-3']) expect(out).toContain(n);
    expect(parseLossless(out)).toEqual(parseLossless(text));
  });

  it('rejects what JSON rejects', () => {
    for (const bad of ['{"a":01}', '[1.]', '{"a":}', '[-]', '{"a":1', '[1e]']) expect(() => parseLossless(bad), bad).toThrow();
  });

  it('compares numbers by their text, as serde_json does', () => {
    expect(jsonEqual(parseLossless('{"a":1.0}'), parseLossless('{"a":1.0}'))).toBe(true);
    expect(jsonEqual(parseLossless('{"a":1.0}'), parseLossless('{"a":1}'))).toBe(false);
  });
});
