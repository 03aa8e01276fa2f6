/**
 * JSON for display without changing a digit: numbers are kept as their text (`1.50`, `1e+400`,
 * `18446744073709551615` — a JavaScript number would print `1.5`, `null`, `18446744073709552000`).
 * Objects have a null prototype, so any key (even `__proto__`) is an ordinary key.
 */
export class LosslessNumber {
  constructor(readonly text: string) {}
}

export type LosslessValue = null | boolean | string | LosslessNumber | LosslessValue[] | { [key: string]: LosslessValue };

const NUMBER_START = /[-0-9]/;
const NUMBER_CHAR = /[-+0-9.eE]/;

/**
 * Parses JSON text keeping number text. The number tokens are swapped for marker objects under
 * a random key, JSON.parse checks the syntax, and a reviver puts the numbers back.
 */
export function parseLossless(text: string): LosslessValue {
  const marker = `\u0000n${Math.random().toString(36).slice(2)}`;
  const numbers: string[] = [];
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    if (NUMBER_START.test(c)) {
      let j = i + 1;
      while (j < text.length && NUMBER_CHAR.test(text[j]!)) j++;
      out += text.slice(last, i) + `{${JSON.stringify(marker)}:${numbers.length}}`;
      numbers.push(text.slice(i, j));
      last = j;
      i = j - 1;
    }
  }
  out += text.slice(last);
  // JSON.parse still rejects malformed numbers: the marker replaces only what looks like one, and
  // a token like `01` or `1.` is checked below before it is kept.
  return JSON.parse(out, function revive(this: unknown, _key: string, value: unknown) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === marker) {
        const token = numbers[(value as Record<string, number>)[marker]!]!;
        if (!/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(token)) throw new SyntaxError(`invalid number ${token}`);
        return new LosslessNumber(token);
      }
      const copy = Object.create(null) as Record<string, unknown>;
      for (const k of keys) copy[k] = (value as Record<string, unknown>)[k];
      return copy;
    }
    return value;
  }) as LosslessValue;
}

export function isLosslessObject(value: unknown): value is { [key: string]: LosslessValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof LosslessNumber);
}

/** A scalar as JSON text (numbers as written). */
export function scalarJson(value: unknown): string {
  if (value instanceof LosslessNumber) return value.text;
  return JSON.stringify(value) ?? String(value);
}

/** Pretty JSON text (two-space indent) with numbers as written. */
export function stringifyLossless(value: unknown, depth = 0): string {
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => pad + stringifyLossless(v, depth + 1)).join(',\n')}\n${end}]`;
  }
  if (isLosslessObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    return `{\n${keys.map((k) => `${pad}${JSON.stringify(k)}: ${stringifyLossless(value[k], depth + 1)}`).join(',\n')}\n${end}}`;
  }
  return scalarJson(value);
}
