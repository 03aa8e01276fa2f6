import { JsonNumber, JsonObject, type JsonValue } from './json-value.js';

/**
 * serde_json `Value` equality with `arbitrary_precision`: numbers equal when their texts are
 * (`1.0` ≠ `1`, `1e5` ≠ `100000`, `-0.0` ≠ `0.0`), arrays element by element in order,
 * objects when they hold the same keys with equal values, in any order.
 */
export function jsonEquals(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof JsonNumber) return b instanceof JsonNumber && a.text === b.text;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (!jsonEquals(a[i] as JsonValue, b[i] as JsonValue)) return false;
    }
    return true;
  }
  if (a instanceof JsonObject) {
    if (!(b instanceof JsonObject) || a.entries.size !== b.entries.size) return false;
    for (const [key, value] of a.entries) {
      const other = b.entries.get(key);
      if (other === undefined || !jsonEquals(value, other)) return false;
    }
    return true;
  }
  return false;
}
