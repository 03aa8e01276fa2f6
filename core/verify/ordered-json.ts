import { JsonNumber, JsonObject, quoteJsonText, toPrettyText, type JsonValue } from '../json/index.js';

/**
 * What command-line and service results are made of: plain objects print their keys in
 * insertion order (the contract's order), `JsonValue`s (documents) print as serde_json does.
 * Numbers must be integers (counts, offsets).
 */
export type OutValue = null | boolean | number | string | JsonNumber | JsonObject | readonly OutValue[] | { readonly [key: string]: OutValue | undefined };

function isJsonValue(v: OutValue): v is JsonValue {
  return v instanceof JsonNumber || v instanceof JsonObject;
}

/** Pretty text (two-space indent), keys in insertion order; `undefined` members are left out. */
export function toOrderedJson(value: OutValue, indent = ''): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`not an integer: ${value}`);
    return String(value);
  }
  if (typeof value === 'string') return quoteJsonText(value);
  if (isJsonValue(value)) return toPrettyText(value).replace(/\n/g, '\n' + indent);
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    const items = value as readonly OutValue[];
    if (items.length === 0) return '[]';
    return '[\n' + items.map((v) => inner + toOrderedJson(v, inner)).join(',\n') + '\n' + indent + ']';
  }
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value as { readonly [key: string]: OutValue | undefined })) {
    if (v !== undefined) parts.push(inner + quoteJsonText(k) + ': ' + toOrderedJson(v, inner));
  }
  return parts.length === 0 ? '{}' : '{\n' + parts.join(',\n') + '\n' + indent + '}';
}
