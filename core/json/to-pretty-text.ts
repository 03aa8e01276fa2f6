import { quoteJsonText } from './json-string-text.js';
import { JsonObject, type JsonValue } from './json-value.js';
import { describe, scalarText } from './to-compact-text.js';
import { sortedKeys } from './utf8-key-order.js';

/**
 * serde_json's `to_string_pretty` of a `Value`: two-space indent, `"key": value`, `[]` and
 * `{}` when empty, no final newline, object keys in UTF-8 byte order at every level.
 */
export function toPrettyText(value: JsonValue): string {
  return pretty(value, '');
}

/**
 * Pretty text of a Rust struct holding `Value`s: the outermost object's keys keep their
 * insertion order (a struct prints its fields in declaration order) while every value
 * inside is printed as a `Value`, keys sorted. For a Sentinel document file build the object
 * with keys `id, version, created_at, updated_at, hash, signature, data` in that order.
 * A value that is not an object prints as `toPrettyText` prints it.
 */
export function toPrettyTextOrdered(value: JsonValue): string {
  if (!(value instanceof JsonObject)) return pretty(value, '');
  return objectText(value.entries, Array.from(value.entries.keys()), '');
}

function pretty(value: JsonValue, indent: string): string {
  const scalar = scalarText(value);
  if (scalar !== undefined) return scalar;
  if (Array.isArray(value)) {
    const n = value.length;
    if (n === 0) return '[]';
    const inner = indent + '  ';
    let out = '[\n' + inner + pretty(value[0] as JsonValue, inner);
    for (let i = 1; i < n; i++) out += ',\n' + inner + pretty(value[i] as JsonValue, inner);
    return out + '\n' + indent + ']';
  }
  if (value instanceof JsonObject) return objectText(value.entries, sortedKeys(value.entries), indent);
  throw new TypeError(`not a JSON value: ${describe(value)}`);
}

function objectText(entries: ReadonlyMap<string, JsonValue>, keys: readonly string[], indent: string): string {
  if (keys.length === 0) return '{}';
  const inner = indent + '  ';
  let out = '{';
  let first = true;
  for (const key of keys) {
    out += (first ? '\n' : ',\n') + inner + quoteJsonText(key) + ': ' + pretty(entries.get(key) as JsonValue, inner);
    first = false;
  }
  return out + '\n' + indent + '}';
}
