import { JsonReader } from './json-reader.js';
import { JsonSyntaxFailure, SyntaxReason, failurePosition, syntaxMessage } from './json-syntax-error.js';
import { JsonNumber, JsonObject, type JsonParseResult, type JsonValue } from './json-value.js';
import { LONE_SURROGATE, isWellFormed } from './well-formed-text.js';
import { NUMBER_TOKEN, invalidTypeReason, numberFromString, unexpectedNumber } from './number-from-string.js';

/** serde_json's `remaining_depth` at the start: 127 nested arrays/objects parse, 128 do not. */
const RECURSION_LIMIT = 128;

/**
 * `serde_json::from_str::<Value>` (serde_json 1.0.149, `arbitrary_precision`, no
 * `preserve_order`) over a JavaScript string: the JSON grammar of RFC 8259 and nothing more,
 * whitespace = space/tab/LF/CR, no BOM, paired `\u` surrogates only, at most 127 levels of
 * nesting, the last of duplicate keys wins, numbers kept as serde_json keeps their text.
 * Errors carry serde_json's message, line and (byte) column.
 */
export function parseJson(text: string): JsonParseResult {
  const parser = new ValueParser(text);
  let failure: JsonSyntaxFailure;
  try {
    const value = parser.readValue();
    if (parser.skipWhitespace() !== -1) parser.failPeek(SyntaxReason.trailingCharacters, parser.pos);
    if (isWellFormed(text)) return { ok: true, value };
    failure = loneSurrogateFailure(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxFailure)) throw e;
    failure = e;
    if (!isWellFormed(text)) {
      const lone = loneSurrogateFailure(text);
      if (lone.index <= failure.index) failure = lone;
    }
  }
  const { line, column } = failurePosition(text, failure);
  return { ok: false, message: syntaxMessage(failure.reason, line, column), line, column };
}

class ValueParser extends JsonReader {
  private remainingDepth = RECURSION_LIMIT;

  readValue(): JsonValue {
    const c = this.skipWhitespace();
    switch (c) {
      case 0x22:
        this.pos++;
        return this.readString();
      case 0x7b:
        return this.readObject();
      case 0x5b:
        return this.readArray();
      case 0x2d: case 0x30: case 0x31: case 0x32: case 0x33: case 0x34:
      case 0x35: case 0x36: case 0x37: case 0x38: case 0x39:
        return new JsonNumber(this.readNumberText());
      case 0x6e:
        this.pos++;
        this.expectIdent('ull');
        return null;
      case 0x74:
        this.pos++;
        this.expectIdent('rue');
        return true;
      case 0x66:
        this.pos++;
        this.expectIdent('alse');
        return false;
      case -1:
        return this.failPeek(SyntaxReason.eofWhileParsingValue, this.pos);
      default:
        return this.failPeek(SyntaxReason.expectedSomeValue, this.pos);
    }
  }

  private enter(): void {
    if (--this.remainingDepth === 0) this.failPeek(SyntaxReason.recursionLimitExceeded, this.pos);
    this.pos++;
  }

  private readArray(): JsonValue[] {
    this.enter();
    const items: JsonValue[] = [];
    let c = this.skipWhitespace();
    if (c === -1) this.failPeek(SyntaxReason.eofWhileParsingList, this.pos);
    if (c !== 0x5d) {
      for (;;) {
        items.push(this.readValue());
        c = this.skipWhitespace();
        if (c === 0x5d) break;
        if (c === 0x2c) {
          this.pos++;
          c = this.skipWhitespace();
          if (c === 0x5d) this.failPeek(SyntaxReason.trailingComma, this.pos);
          if (c === -1) this.failPeek(SyntaxReason.eofWhileParsingValue, this.pos);
          continue;
        }
        this.failPeek(c === -1 ? SyntaxReason.eofWhileParsingList : SyntaxReason.expectedListCommaOrEnd, this.pos);
      }
    }
    this.pos++;
    this.remainingDepth++;
    return items;
  }

  private readObject(): JsonValue {
    this.enter();
    const object = new JsonObject();
    const entries = object.entries;
    let c = this.skipWhitespace();
    if (c === -1) this.failPeek(SyntaxReason.eofWhileParsingObject, this.pos);
    if (c !== 0x7d) {
      if (c !== 0x22) this.failPeek(SyntaxReason.keyMustBeAString, this.pos);
      let first = true;
      for (;;) {
        this.pos++;
        const key = this.readString();
        c = this.skipWhitespace();
        if (c !== 0x3a) {
          this.failPeek(c === -1 ? SyntaxReason.eofWhileParsingObject : SyntaxReason.expectedColon, this.pos);
        }
        this.pos++;
        if (first && key === NUMBER_TOKEN) return this.finishNumberToken();
        first = false;
        entries.set(key, this.readValue());
        c = this.skipWhitespace();
        if (c === 0x7d) break;
        if (c === 0x2c) {
          this.pos++;
          c = this.skipWhitespace();
          if (c === 0x22) continue;
          if (c === 0x7d) this.failPeek(SyntaxReason.trailingComma, this.pos);
          if (c === -1) this.failPeek(SyntaxReason.eofWhileParsingValue, this.pos);
          this.failPeek(SyntaxReason.keyMustBeAString, this.pos);
        }
        this.failPeek(c === -1 ? SyntaxReason.eofWhileParsingObject : SyntaxReason.expectedObjectCommaOrEnd, this.pos);
      }
    }
    this.pos++;
    this.remainingDepth++;
    return object;
  }

  /**
   * serde_json's `Value` visitor after a first key equal to `NUMBER_TOKEN`: the value must
   * be a string holding exactly one number, and the object must end right after it.
   */
  private finishNumberToken(): JsonNumber {
    let c = this.skipWhitespace();
    if (c === -1) this.failPeek(SyntaxReason.eofWhileParsingValue, this.pos);
    if (c !== 0x22) this.failInvalidType(c);
    this.pos++;
    const s = this.readString();
    const parsed = numberFromString(s, this.pos);
    if (!parsed.ok) throw parsed.failure;
    c = this.skipWhitespace();
    if (c !== 0x7d) {
      this.failPeek(
        c === 0x2c ? SyntaxReason.trailingComma : c === -1 ? SyntaxReason.eofWhileParsingObject : SyntaxReason.trailingCharacters,
        this.pos,
      );
    }
    this.pos++;
    this.remainingDepth++;
    return new JsonNumber(parsed.text);
  }

  /** serde_json `peek_invalid_type` for a non-string where the number string was expected. */
  private failInvalidType(c: number): never {
    let unexpected: string;
    switch (c) {
      case 0x6e:
        this.pos++;
        this.expectIdent('ull');
        unexpected = 'null';
        break;
      case 0x74:
        this.pos++;
        this.expectIdent('rue');
        unexpected = 'boolean `true`';
        break;
      case 0x66:
        this.pos++;
        this.expectIdent('alse');
        unexpected = 'boolean `false`';
        break;
      case 0x5b:
        unexpected = 'sequence';
        break;
      case 0x7b:
        unexpected = 'map';
        break;
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          unexpected = unexpectedNumber(this.readNumberText());
          break;
        }
        return this.failPeek(SyntaxReason.expectedSomeValue, this.pos);
    }
    return this.failAt(invalidTypeReason(unexpected), this.pos);
  }
}

/** A JavaScript string with a lone surrogate is no UTF-8 text; report where, as an invalid code point. */
function loneSurrogateFailure(text: string): JsonSyntaxFailure {
  const index = LONE_SURROGATE.exec(text)?.index ?? 0;
  return new JsonSyntaxFailure(SyntaxReason.invalidUnicodeCodePoint, index, 1, false);
}
