import { Environment, type ParseResult } from '@marcbachmann/cel-js';
import { JsonNumber, JsonObject, type JsonValue } from '../../../json/index.js';

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;
const INTEGER = /^-?(0|[1-9][0-9]*)$/;

/** The library's unsigned integer class (not exported by name: taken from a `1u` literal). */
export const CelUint = (new Environment().evaluate('1u') as object).constructor as new (v: bigint) => { readonly value: bigint };

export type CelValue = null | boolean | string | number | bigint | InstanceType<typeof CelUint> | Date | CelValue[] | Map<string, CelValue>;

/**
 * JSON data as CEL values, exactly: an integer that fits int64 is an int (bigint), one past it
 * that fits uint64 a uint; any other number a double. Objects become Maps (no prototype keys).
 */
export function celOfJson(v: JsonValue): CelValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (v instanceof JsonNumber) return celNumber(v.text);
  if (Array.isArray(v)) return v.map(celOfJson);
  const out = new Map<string, CelValue>();
  for (const [k, x] of (v as JsonObject).entries) out.set(k, celOfJson(x));
  return out;
}

export function celNumber(text: string): CelValue {
  if (INTEGER.test(text)) {
    // Short integer text is always within int64: skip BigInt's range checks for it.
    const n = BigInt(text);
    if (text.length < 19 || (n >= I64_MIN && n <= I64_MAX)) return n;
    if (n > 0n && n <= U64_MAX) return new CelUint(n);
  }
  return Number(text);
}

export type { ParseResult };
