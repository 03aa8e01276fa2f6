import { cloneJson } from './clone-json.js';
import { JsonObject, type JsonValue } from './json-value.js';

/**
 * What a Sentinel Update stores: when both are objects, every key of `incoming` is merged
 * into `existing` recursively (keys only in `existing` stay); in every other case `incoming`
 * replaces `existing`. Pure: the inputs are not changed and the result shares no array or
 * object with them.
 */
export function deepMerge(existing: JsonValue, incoming: JsonValue): JsonValue {
  if (!(existing instanceof JsonObject) || !(incoming instanceof JsonObject)) return cloneJson(incoming);
  const merged = new JsonObject();
  const out = merged.entries;
  const next = incoming.entries;
  for (const [key, value] of existing.entries) {
    if (!next.has(key)) out.set(key, cloneJson(value));
    else out.set(key, null); // keeps the key's place; set below
  }
  for (const [key, value] of next) {
    const old = existing.entries.get(key);
    out.set(key, old === undefined ? cloneJson(value) : deepMerge(old, value));
  }
  return merged;
}
