import { parseJson } from '../../../json/index.js';
import { scanDataKeys } from './scan-data-keys.js';
import { celOfJson, type CelValue } from './cel-values.js';

const MAX_DEPTH = 127;

/** The native parse cannot stand in: too deep, or a number past 2^53. */
class NotNative extends Error {}

/** Whether a digit is followed by `c` anywhere (strings included): a fraction or an exponent may be there. */
function digitBefore(text: string, c: string): boolean {
  for (let at = text.indexOf(c, 1); at > 0; at = text.indexOf(c, at + 1)) {
    const d = text.charCodeAt(at - 1);
    if (d >= 0x30 && d <= 0x39) return true;
  }
  return false;
}

function fromJs(v: unknown, depth: number): CelValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    // Integer text parses to a safe integer only when it is exact (2^53 itself is not safe).
    if (!Number.isSafeInteger(v)) throw new NotNative();
    return BigInt(v);
  }
  if (depth >= MAX_DEPTH) throw new NotNative();
  if (Array.isArray(v)) return v.map((x) => fromJs(x, depth + 1));
  const out = new Map<string, CelValue>();
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) out.set(k, fromJs(o[k], depth + 1));
  return out;
}

/** Whether the text holds fewer than MAX_DEPTH brackets in all (so it nests no deeper than serde allows). */
function shallow(text: string): boolean {
  let n = 0;
  for (const c of ['{', '[']) {
    for (let at = text.indexOf(c); at >= 0; at = text.indexOf(c, at + 1)) if (++n >= MAX_DEPTH) return false;
  }
  return true;
}

/** The top-level object's `keys` only (the others are never read), each converted in full. */
function projected(v: unknown, keys: ReadonlySet<string>): CelValue {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return fromJs(v, 0);
  const out = new Map<string, CelValue>();
  const o = v as Record<string, unknown>;
  for (const k of keys) if (Object.prototype.hasOwnProperty.call(o, k)) out.set(k, fromJs(o[k], 1));
  return out;
}

/**
 * An entry's data as CEL values, as serde_json parses it (core/json), or null when it is not
 * JSON. With `keys` (an expression that reads data only as `data.<key>…`), a top-level object
 * holds only those keys: the others' values are parsed for validity but not converted. First
 * scan-data-keys.ts reads the text in one pass (the common case: no escapes); where it is not
 * sure, the whole text is parsed, the other keys' values not converted, which is
 * exact as long as the text nests no deeper than serde allows (else the whole is converted). Where the native JSON.parse gives the same answer — no digit followed by `.`, `e` or `E`
 * anywhere (so every number is integer text), each number a safe integer (exact), no \u escape
 * (a lone surrogate serde refuses), no serde number token, at most 127 levels — it is used:
 * long strings parse many times faster natively.
 */
export function celOfDataText(text: string, keys?: ReadonlySet<string> | null): CelValue {
  const scanned = scanDataKeys(text, keys ?? null);
  if (scanned !== undefined) return scanned;
  const plain = !digitBefore(text, '.') && !digitBefore(text, 'e') && !digitBefore(text, 'E');
  if (plain && !text.includes('\\u') && !text.includes('$serde_json')) {
    let js: unknown;
    try {
      js = JSON.parse(text);
    } catch {
      return null; // JSON.parse refuses only what serde_json refuses too
    }
    try {
      return keys && shallow(text) ? projected(js, keys) : fromJs(js, 0);
    } catch (err) {
      if (!(err instanceof NotNative)) throw err;
    }
  }
  const r = parseJson(text);
  return r.ok ? celOfJson(r.value) : null;
}
