import { surelyValidJson } from '../json/json-grammar-check.js';
import { isWellFormed, NUMBER_TOKEN, parseJson } from '../json/index.js';

/** serde_json parses 127 nested arrays/objects and refuses 128: fewer brackets than that in all cannot reach the limit. */
const FEW_BRACKETS = 127;

function fewBrackets(text: string): boolean {
  let n = 0;
  for (const open of ['{', '[']) {
    for (let i = text.indexOf(open); i !== -1; i = text.indexOf(open, i + 1)) if (++n > FEW_BRACKETS) return false;
  }
  return true;
}

/**
 * Whether an entry's data parses as the original parses it (`parseJson`, serde_json's rules):
 * undefined when it does, else serde_json's message. Verification asks this of every
 * Insert/Update and keeps only the text, so the value is never built. First a check of the
 * characters alone (surelyValidJson: serde_json's grammar, nothing allocated; JSON.parse's
 * trees were a third of a verify with the garbage they left). Where it does not decide, the engine's own
 * `JSON.parse` answers where its grammar is serde_json's — RFC 8259 with the same
 * whitespace, escapes, number syntax (serde_json keeps numbers' text, so no range limit) and
 * duplicate keys — that is, where the text has no `\u` escape (serde_json refuses a lone
 * surrogate escape), no lone surrogate, no serde_json number token and too few brackets
 * to nest 128 deep. Anywhere else, and for every failure (its message), `parseJson` decides.
 */
export function jsonDataError(text: string): string | undefined {
  if (surelyValidJson(text)) return undefined;
  if (text.indexOf('\\u') === -1 && text.indexOf(NUMBER_TOKEN) === -1 && isWellFormed(text) && fewBrackets(text)) {
    try {
      JSON.parse(text);
      return undefined;
    } catch {
      // Invalid: the exact parser gives serde_json's message.
    }
  }
  const parsed = parseJson(text);
  return parsed.ok ? undefined : parsed.message;
}
