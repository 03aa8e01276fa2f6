import { blake3Hex, blake3HexSync } from './blake3-hash.js';
import type { JsonValue } from './json-value.js';
import { toCompactText } from './to-compact-text.js';

/** A Sentinel document's `hash`: BLAKE3 hex of the compact serde_json text of its data. */
export function documentHash(data: JsonValue): Promise<string> {
  return blake3Hex(toCompactText(data));
}

/** Synchronous `documentHash`; needs `initBlake3()` to have finished. */
export function documentHashSync(data: JsonValue): string {
  return blake3HexSync(toCompactText(data));
}
