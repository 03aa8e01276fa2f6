import { parseJson } from '../../../json/index.js';
import { celOfJson, type CelValue } from './cel-values.js';

/** A number with a fraction or exponent, or 16+ digits (possibly past 2^53), anywhere — strings included. */
const NOT_PLAIN_INTEGERS = /[0-9][.eE]|[0-9]{16}/;
const MAX_DEPTH = 127;

class TooDeep extends Error {}

function fromJs(v: unknown, depth: number): CelValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return BigInt(v);
  if (depth >= MAX_DEPTH) throw new TooDeep();
  if (Array.isArray(v)) return v.map((x) => fromJs(x, depth + 1));
  const out = new Map<string, CelValue>();
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) out.set(k, fromJs(o[k], depth + 1));
  return out;
}

/**
 * An entry's data as CEL values, as serde_json parses it (core/json), or null when it is not
 * JSON. Where the native JSON.parse gives the same answer — every number a plain integer below
 * 2^53, no \u escape (a lone surrogate serde refuses), no serde number token, at most 127
 * levels — it is used: long strings parse many times faster natively.
 */
export function celOfDataText(text: string): CelValue {
  if (!NOT_PLAIN_INTEGERS.test(text) && !text.includes('\\u') && !text.includes('$serde_json')) {
    let js: unknown;
    try {
      js = JSON.parse(text);
    } catch {
      return null; // JSON.parse refuses only what serde_json refuses too
    }
    try {
      return fromJs(js, 0);
    } catch (err) {
      if (!(err instanceof TooDeep)) throw err;
    }
  }
  const r = parseJson(text);
  return r.ok ? celOfJson(r.value) : null;
}
