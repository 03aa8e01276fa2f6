import { JsonReader } from './json-reader.js';
import { JsonSyntaxFailure, SyntaxReason, positionOf } from './json-syntax-error.js';

/**
 * The key serde_json (with `arbitrary_precision`) uses to carry a number through serde as a
 * one-entry map. When it is the FIRST key of a JSON object, `serde_json::Value` reads the
 * object as that number: `{"$serde_json::private::Number":"1.50"}` parses to the number `1.50`.
 */
export const NUMBER_TOKEN = '$serde_json::private::Number';

const U64_MAX = 18446744073709551615n;
const I64_MIN = -9223372036854775808n;

export type NumberFromString = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly failure: JsonSyntaxFailure };

/**
 * serde_json's `Number::from_str` (used for the string after `NUMBER_TOKEN`): the whole
 * string must be one number. A failure's position is within `s`, as serde_json reports it
 * (the error text is re-parsed from the inner error's message).
 */
export function numberFromString(s: string, outerIndex: number): NumberFromString {
  const reader = new JsonReader(s);
  let failure: JsonSyntaxFailure | null = null;
  let text = '';
  const first = s.length > 0 ? s.charCodeAt(0) : -1;
  if (first === -1) {
    failure = new JsonSyntaxFailure(SyntaxReason.eofWhileParsingValue, 0, 1, false);
  } else if (first === 0x2d || (first >= 0x30 && first <= 0x39)) {
    try {
      text = reader.readNumberText();
    } catch (e) {
      if (!(e instanceof JsonSyntaxFailure)) throw e;
      failure = e;
    }
  } else {
    failure = new JsonSyntaxFailure(SyntaxReason.invalidNumber, 0, 1, false);
  }
  // `parse_any_signed_number` then peeks once more: anything left is "invalid number".
  if (failure === null) {
    if (reader.pos < s.length) failure = new JsonSyntaxFailure(SyntaxReason.invalidNumber, reader.pos, 1, false);
  } else if (failure.consumed) {
    // serde's index is one byte into the consumed character: is any byte left to peek?
    if (failure.index + 1 < s.length || s.charCodeAt(failure.index) >= 0x80) {
      failure = new JsonSyntaxFailure(SyntaxReason.invalidNumber, failure.index, 2, false);
    }
  } else if (failure.index < s.length) {
    failure = new JsonSyntaxFailure(SyntaxReason.invalidNumber, failure.index, 1, false);
  }
  if (failure === null) return { ok: true, text };
  const fixed = positionOf(s, failure.index, failure.extraBytes);
  return { ok: false, failure: new JsonSyntaxFailure(failure.reason, outerIndex, 0, false, fixed) };
}

/** serde's `Unexpected` text for a number scanned where a string was expected. */
export function unexpectedNumber(text: string): string {
  if (/^-?[0-9]+$/.test(text)) {
    const n = BigInt(text);
    if (text.startsWith('-') ? n >= I64_MIN : n <= U64_MAX) return 'integer `' + n.toString() + '`';
  }
  return 'number';
}

export function invalidTypeReason(unexpected: string): string {
  return `invalid type: ${unexpected}, expected string containing a number`;
}
