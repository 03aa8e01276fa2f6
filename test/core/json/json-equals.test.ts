import { describe, expect, it } from 'vitest';
import { JsonNumber, JsonObject, jsonEquals, parseJson, type JsonValue } from '../../../core/json/index.js';

function value(text: string): JsonValue {
  const r = parseJson(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const eq = (a: string, b: string): boolean => jsonEquals(value(a), value(b));

describe('jsonEquals', () => {
  it('compares numbers by their text', () => {
    expect(eq('1', '1')).toBe(true);
    expect(eq('1.0', '1')).toBe(false);
    expect(eq('1e5', '100000')).toBe(false);
    expect(eq('-0.0', '0.0')).toBe(false);
    expect(eq('1.50', '1.5')).toBe(false);
    expect(eq('1E5', '1e+5')).toBe(true); // same normalised text
    expect(eq('-0', '0')).toBe(true);
    expect(eq('12345678901234567890', '12345678901234567891')).toBe(false);
  });

  it('compares objects regardless of key order and arrays in order', () => {
    expect(eq('{"a":1,"b":[1,2]}', '{"b":[1,2],"a":1}')).toBe(true);
    expect(eq('[1,2]', '[2,1]')).toBe(false);
    expect(eq('{"a":1}', '{"a":1,"b":2}')).toBe(false);
    expect(eq('{"a":1,"b":2}', '{"a":1}')).toBe(false);
    expect(eq('{"a":null}', '{"b":null}')).toBe(false);
    expect(eq('{"a":{"x":[{}]}}', '{"a":{"x":[{}]}}')).toBe(true);
    expect(eq('{"a":1,"a":2}', '{"a":2}')).toBe(true);
  });

  it('never equates different kinds', () => {
    const kinds = ['null', 'true', 'false', '0', '"0"', '""', '[]', '{}', '"null"', '[null]', '{"":null}'];
    for (const a of kinds) for (const b of kinds) expect(eq(a, b), `${a} vs ${b}`).toBe(a === b);
  });

  it('works on constructed values', () => {
    expect(jsonEquals(new JsonNumber('2'), new JsonNumber('2'))).toBe(true);
    expect(jsonEquals(new JsonObject([['a', [true]]]), new JsonObject([['a', [true]]]))).toBe(true);
    expect(jsonEquals(new JsonObject([['a', [true]]]), new JsonObject([['a', [false]]]))).toBe(false);
    expect(jsonEquals([] as JsonValue, new JsonObject())).toBe(false);
  });
});
