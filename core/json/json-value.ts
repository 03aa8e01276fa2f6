/**
 * A JSON value as serde_json (with `arbitrary_precision`) holds it: numbers keep their text,
 * objects keep one value per key (the last of duplicates) and are printed with keys sorted
 * by UTF-8 byte order. A JavaScript number never stands in for a JSON number here.
 */
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;

/** A number kept as serde_json's normalised text (e.g. `1.50`, `1e+5`, `12345678901234567890`). */
export class JsonNumber {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** An object: keys in insertion order here; printers sort them. */
export class JsonObject {
  readonly entries: Map<string, JsonValue>;
  constructor(entries?: Iterable<readonly [string, JsonValue]>) {
    this.entries = new Map(entries);
  }
  get(key: string): JsonValue | undefined {
    return this.entries.get(key);
  }
}

export type JsonParseResult =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly message: string; readonly line: number; readonly column: number };
