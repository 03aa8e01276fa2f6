import { describe, expect, it } from 'vitest';
import { JsonNumber, JsonObject, fromJsValue, parseJson, toCompactText, toJsValue } from '../../../core/json/index.js';

describe('fromJsValue', () => {
  it('converts plain data, numbers through their JavaScript text', () => {
    expect(toCompactText(fromJsValue({ b: [1, 0.5, -0, 1e21, 1e-7, true, null, 'x'], a: { c: 10n } }))).toBe('{"a":{"c":10},"b":[1,0.5,0,1e+21,1e-7,true,null,"x"]}');
    expect(fromJsValue(NaN)).toBe(null);
    expect(fromJsValue(Infinity)).toBe(null);
  });

  it('follows JSON.stringify for undefined, functions, toJSON and Maps', () => {
    const date = new Date('2025-11-19T09:19:46.275Z');
    expect(toCompactText(fromJsValue({ u: undefined, f: () => 1, d: date, arr: [undefined, () => 1] }))).toBe('{"arr":[null,null],"d":"2025-11-19T09:19:46.275Z"}');
    expect(toCompactText(fromJsValue(new Map([['k', [1]]])))).toBe('{"k":[1]}');
    expect(toCompactText(fromJsValue(JSON.parse('{"__proto__":1}')))).toBe('{"__proto__":1}');
  });

  it('keeps JsonNumber and copies JsonObject values', () => {
    const n = new JsonNumber('1.50');
    const inner = new JsonObject([['x', n]]);
    const v = fromJsValue({ inner, n }) as JsonObject;
    expect(v.get('n')).toBe(n);
    expect(v.get('inner')).not.toBe(inner);
    expect(toCompactText(v)).toBe('{"inner":{"x":1.50},"n":1.50}');
  });

  it('throws TypeError for what JSON cannot hold', () => {
    expect(() => fromJsValue(undefined)).toThrow(TypeError);
    expect(() => fromJsValue(() => 1)).toThrow(TypeError);
    expect(() => fromJsValue(Symbol('s'))).toThrow(TypeError);
    expect(() => fromJsValue('\ud800')).toThrow(TypeError);
    expect(() => fromJsValue(new Map([[1, 2]]))).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => fromJsValue(cyclic)).toThrow(TypeError);
    const shared = { a: 1 };
    expect(toCompactText(fromJsValue([shared, shared]))).toBe('[{"a":1},{"a":1}]');
  });
});

describe('toJsValue', () => {
  it('gives plain JavaScript values (lossy numbers)', () => {
    const r = parseJson('{"a":[1.50,12345678901234567890,-0.0,1e400],"b":{"__proto__":true},"s":"x"}');
    if (!r.ok) throw new Error(r.message);
    const js = toJsValue(r.value) as { a: number[]; b: Record<string, unknown>; s: string };
    expect(js.a).toEqual([1.5, 12345678901234567000, -0, Infinity]);
    expect(Object.getOwnPropertyNames(js.b)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(js.b)).toBe(Object.prototype);
    expect(js.s).toBe('x');
  });
});
