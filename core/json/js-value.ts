import { JsonNumber, JsonObject, type JsonValue } from './json-value.js';
import { isWellFormed } from './well-formed-text.js';

/**
 * Converts a JavaScript value to a JsonValue, like `JSON.stringify` would see it (lossy,
 * for convenience in tests and UI code, never for data read from a WAL):
 * - a finite number becomes a JsonNumber of its JavaScript text (`String(n)`: `1`, `0.5`,
 *   `1e+21`; `-0` becomes `0`; Rust prints a float `1.0` where this gives `1`); NaN and
 *   ±Infinity become null, as serde_json does for non-finite floats; a bigint its digits;
 * - an object with `toJSON()` is converted through it (a Date becomes its ISO text);
 * - a Map becomes an object (its keys must be strings); a plain object its own enumerable
 *   string keys; `undefined`, functions and symbols are left out of objects and become null
 *   in arrays, as `JSON.stringify` does;
 * - JsonNumber / JsonObject values are taken as they are (objects copied).
 * Throws a TypeError for a top-level undefined, function or symbol, a lone surrogate, a
 * non-string Map key, or a cycle.
 */
export function fromJsValue(value: unknown): JsonValue {
  const result = convert(value, new Set());
  if (result === undefined) throw new TypeError(`${typeof value} is not a JSON value`);
  return result;
}

function convert(value: unknown, ancestors: Set<object>): JsonValue | undefined {
  switch (typeof value) {
    case 'string':
      if (!isWellFormed(value)) throw new TypeError('string holds a lone surrogate');
      return value;
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? new JsonNumber(String(value)) : null;
    case 'bigint':
      return new JsonNumber(value.toString());
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return null;
  const obj = value as object;
  if (obj instanceof JsonNumber) return obj;
  if (ancestors.has(obj)) throw new TypeError('cannot convert a cyclic structure to JSON');
  ancestors.add(obj);
  try {
    if (Array.isArray(obj)) return obj.map((item: unknown) => convert(item, ancestors) ?? null);
    const toJSON = (obj as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return convert(toJSON.call(obj), ancestors) ?? null;
    const out = new JsonObject();
    const source: Iterable<readonly [unknown, unknown]> =
      obj instanceof JsonObject ? obj.entries : obj instanceof Map ? obj : Object.entries(obj);
    for (const [key, item] of source) {
      if (typeof key !== 'string') throw new TypeError('object keys must be strings');
      if (!isWellFormed(key)) throw new TypeError('object key holds a lone surrogate');
      const converted = convert(item, ancestors);
      if (converted !== undefined) out.entries.set(key, converted);
    }
    return out;
  } finally {
    ancestors.delete(obj);
  }
}

/**
 * A plain JavaScript view of a JsonValue (lossy): numbers through `Number(text)` (big
 * integers lose digits, `1e400` becomes Infinity, `1.50` and `1.5` become the same),
 * objects as plain objects (JavaScript puts integer-like keys first; `__proto__` stays an
 * own key).
 */
export function toJsValue(value: JsonValue): unknown {
  if (value instanceof JsonNumber) return Number(value.text);
  if (Array.isArray(value)) return value.map(toJsValue);
  if (value instanceof JsonObject) {
    return Object.fromEntries(Array.from(value.entries, ([key, item]) => [key, toJsValue(item)]));
  }
  return value;
}
