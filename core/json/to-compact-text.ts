import { quoteJsonText } from './json-string-text.js';
import { JsonNumber, JsonObject, type JsonValue } from './json-value.js';
import { sortedKeys } from './utf8-key-order.js';

/**
 * serde_json's `to_string` of a `Value` (no `preserve_order`): no whitespace, object keys in
 * UTF-8 byte order at every level, numbers as their text. This is the `data` text of a WAL
 * entry and the input of a document hash. Throws a TypeError for a string with a lone
 * surrogate or anything that is not a JsonValue.
 */
export function toCompactText(value: JsonValue): string {
  return compact(value);
}

/** The text of a scalar (null, boolean, string, number), or undefined for a container: the same in both printers. */
export function scalarText(value: JsonValue): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string') return quoteJsonText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof JsonNumber) return value.text;
  return undefined;
}

function compact(value: JsonValue): string {
  const scalar = scalarText(value);
  if (scalar !== undefined) return scalar;
  if (Array.isArray(value)) {
    const n = value.length;
    if (n === 0) return '[]';
    let out = '[' + compact(value[0] as JsonValue);
    for (let i = 1; i < n; i++) out += ',' + compact(value[i] as JsonValue);
    return out + ']';
  }
  if (value instanceof JsonObject) {
    const entries = value.entries;
    if (entries.size === 0) return '{}';
    let out = '{';
    let first = true;
    for (const key of sortedKeys(entries)) {
      out += (first ? '' : ',') + quoteJsonText(key) + ':' + compact(entries.get(key) as JsonValue);
      first = false;
    }
    return out + '}';
  }
  throw new TypeError(`not a JSON value: ${describe(value)}`);
}

export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
