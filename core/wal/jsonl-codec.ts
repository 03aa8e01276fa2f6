import { parseJson } from '../json/parse-json.js';
import { JsonNumber, JsonObject } from '../json/json-value.js';
import { isEntryType } from './entry-type.js';
import { fixedBytes256, fixedBytes32, idText } from './fixed-bytes.js';
import { quoteJsonText as quoteJsonString } from '../json/json-string-text.js';
import type { LogEntry } from './log-entry.js';
import { U64_MAX } from './log-entry.js';

/**
 * One JSON Lines entry exactly as the original's `to_json()` + "\n" writes it: keys in
 * alphabetical order, ids as trimmed strings, data as a JSON string or null.
 * Ids that are not valid UTF-8 are written lossily (the original panics there instead).
 */
export function encodeJsonlEntry(entry: LogEntry): string {
  return (
    '{"collection":' + quoteJsonString(idText(entry.collection).text) +
    ',"data":' + (entry.data === null ? 'null' : quoteJsonString(entry.data)) +
    ',"document_id":' + quoteJsonString(idText(entry.documentId).text) +
    ',"entry_type":"' + entry.entryType +
    '","timestamp":' + entry.timestamp.toString() +
    ',"transaction_id":' + quoteJsonString(idText(entry.transactionId).text) +
    '}\n'
  );
}

export type JsonlDecode = { readonly ok: true; readonly entry: LogEntry } | { readonly ok: false; readonly problem: string };

const U64_TEXT = /^(0|[1-9][0-9]{0,19})$/;

function requireString(obj: JsonObject, key: string): string | { problem: string } {
  const v = obj.get(key);
  if (v === undefined) return { problem: `missing field "${key}"` };
  if (typeof v !== 'string') return { problem: `field "${key}" is not a string` };
  return v;
}

/**
 * Decodes one line (already trimmed) as the original's `from_json` does: any key order,
 * extra keys ignored, last duplicate wins, missing or non-string data = no data, integer
 * timestamps only, case-sensitive entry type, ids cut to 32/256 bytes.
 */
export function decodeJsonlLine(line: string): JsonlDecode {
  const parsed = parseJson(line);
  if (!parsed.ok) return { ok: false, problem: `not JSON: ${parsed.message}` };
  const obj = parsed.value;
  if (!(obj instanceof JsonObject)) return { ok: false, problem: 'the line is not a JSON object' };
  const type = obj.get('entry_type');
  if (type === undefined) return { ok: false, problem: 'missing field "entry_type"' };
  if (!isEntryType(type)) return { ok: false, problem: `unknown entry_type ${typeof type === 'string' ? quoteJsonString(type) : 'value'}` };
  const tx = requireString(obj, 'transaction_id');
  if (typeof tx !== 'string') return { ok: false, ...tx };
  const collection = requireString(obj, 'collection');
  if (typeof collection !== 'string') return { ok: false, ...collection };
  const documentId = requireString(obj, 'document_id');
  if (typeof documentId !== 'string') return { ok: false, ...documentId };
  const ts = obj.get('timestamp');
  if (ts === undefined) return { ok: false, problem: 'missing field "timestamp"' };
  if (!(ts instanceof JsonNumber) || !U64_TEXT.test(ts.text) || BigInt(ts.text) > U64_MAX) {
    return { ok: false, problem: 'timestamp is not an unsigned 64-bit integer' };
  }
  const data = obj.get('data');
  return {
    ok: true,
    entry: {
      entryType: type,
      transactionId: fixedBytes32(tx),
      collection: fixedBytes256(collection),
      documentId: fixedBytes256(documentId),
      timestamp: BigInt(ts.text),
      data: typeof data === 'string' ? data : null,
    },
  };
}

/** Rust's `str::trim`: Unicode White_Space (not the BOM, which JavaScript's trim removes). */
const RUST_WS = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** Whether a UTF-16 unit is one of RUST_WS's characters (all in the BMP). */
function isRustWhiteSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

export function trimLikeRust(s: string): string {
  // Most lines have nothing to trim: the regex would still walk the whole line looking for an end.
  if (s.length === 0 || (!isRustWhiteSpace(s.charCodeAt(0)) && !isRustWhiteSpace(s.charCodeAt(s.length - 1)))) return s;
  return s.replace(RUST_WS, '');
}
