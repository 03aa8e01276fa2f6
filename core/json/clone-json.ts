import { JsonObject, type JsonValue } from './json-value.js';

/** A deep copy sharing no array or object with `value` (numbers and strings are immutable). */
export function cloneJson(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (value instanceof JsonObject) {
    const copy = new JsonObject();
    for (const [key, item] of value.entries) copy.entries.set(key, cloneJson(item));
    return copy;
  }
  return value;
}
