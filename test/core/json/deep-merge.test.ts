import { describe, expect, it } from 'vitest';
import { JsonObject, cloneJson, deepMerge, jsonEquals, parseJson, toCompactText, type JsonValue } from '../../../core/json/index.js';

function value(text: string): JsonValue {
  const r = parseJson(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const merge = (a: string, b: string): string => toCompactText(deepMerge(value(a), value(b)));

describe('deepMerge', () => {
  it('merges objects key by key, recursively, keeping keys only in the existing object', () => {
    expect(merge('{"a":1,"b":{"x":1,"y":2},"c":3}', '{"b":{"y":20,"z":30},"d":4}')).toBe('{"a":1,"b":{"x":1,"y":20,"z":30},"c":3,"d":4}');
    expect(merge('{"a":{"b":{"c":{"d":1,"e":2}}}}', '{"a":{"b":{"c":{"e":3}}}}')).toBe('{"a":{"b":{"c":{"d":1,"e":3}}}}');
  });

  it('replaces in every other case', () => {
    expect(merge('{"a":[1,2,3]}', '{"a":[9]}')).toBe('{"a":[9]}');
    expect(merge('{"a":{"x":1}}', '{"a":null}')).toBe('{"a":null}');
    expect(merge('{"a":1}', '{"a":{"x":1}}')).toBe('{"a":{"x":1}}');
    expect(merge('{"a":1}', '[1]')).toBe('[1]');
    expect(merge('[1]', '{"a":1}')).toBe('{"a":1}');
    expect(merge('[1,{"a":1}]', '[{"b":2}]')).toBe('[{"b":2}]');
    expect(merge('"s"', 'null')).toBe('null');
    expect(merge('{"a":1}', '{}')).toBe('{"a":1}');
    expect(merge('{}', '{"a":1}')).toBe('{"a":1}');
  });

  it('does not change its inputs and shares no containers with them', () => {
    const existing = value('{"a":{"x":[1]},"b":[{"k":1}]}');
    const incoming = value('{"a":{"y":[2]},"c":{"z":[]}}');
    const before = [toCompactText(existing), toCompactText(incoming)];
    const merged = deepMerge(existing, incoming) as JsonObject;
    expect([toCompactText(existing), toCompactText(incoming)]).toEqual(before);
    ((merged.get('a') as JsonObject).get('x') as JsonValue[]).push(null);
    ((merged.get('b') as JsonValue[])[0] as JsonObject).entries.set('k', null);
    ((merged.get('c') as JsonObject).get('z') as JsonValue[]).push(null);
    expect([toCompactText(existing), toCompactText(incoming)]).toEqual(before);
  });
});

describe('cloneJson', () => {
  it('copies deeply', () => {
    const v = value('{"a":[{"b":1}],"c":"s"}');
    const copy = cloneJson(v);
    expect(jsonEquals(copy, v)).toBe(true);
    expect(copy).not.toBe(v);
    expect((copy as JsonObject).get('a')).not.toBe((v as JsonObject).get('a'));
  });
});
