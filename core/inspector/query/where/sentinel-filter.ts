import { JsonNumber, JsonObject, parseJson, type JsonValue } from '../../../json/index.js';
import { QueryError } from './query-error.js';

/**
 * Sentinel's `--filter` syntax (`sentinel query`, crates/cli/src/commands/collection/query.rs),
 * split as Sentinel splits it: on the first of `==`, `!=`, `>=`, `<=`, `>`, `<`, `~`, `^`, `$`,
 * ` in:`, ` exists:` found anywhere (in that order of precedence), else on `=`. A value is JSON
 * if it parses as JSON (`40`, `true`, `"40"`), else the text itself. The field is a dotted path
 * into the entry's data (Sentinel reads top-level fields only: `a.b` there is the key "a.b"; here
 * it is key b inside a). Translated to the CEL expression it means, so both run as one predicate.
 */
const OPERATORS = ['==', '!=', '>=', '<=', '>', '<', '~', '^', '$', ' in:', ' exists:'] as const;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop',
  'package', 'namespace', 'return', 'var', 'void', 'while',
]);

export function sentinelFilterToCel(spec: string, field = 'filter'): string {
  let op: string | null = null;
  let at = -1;
  for (const o of OPERATORS) {
    const k = spec.indexOf(o);
    if (k >= 0) {
      op = o;
      at = k;
      break;
    }
  }
  if (op === null) {
    at = spec.indexOf('=');
    if (at >= 0) op = '=';
  }
  if (op === null) {
    throw new QueryError('expected an operator: field=value, field>value, <, >=, <=, field~text, field^prefix, field$suffix, field in:a,b or field exists:true', { field, column: 1 });
  }
  if (op === '!=') throw new QueryError('"!=" is not supported by Sentinel\'s filter syntax: expected =, >, <, >=, <=, ~, ^, $, in: or exists: (or use --where with !=)', { field, column: at + 1 });
  const path = dataPath(spec.slice(0, at), field);
  const raw = spec.slice(at + op.length);
  const valueColumn = at + op.length + 1 + (raw.length - raw.trimStart().length);
  const text = raw.trim();
  switch (op) {
    case '=': case '==':
      return `${path} == ${celLiteral(parseValue(text))}`;
    case '>': case '<': case '>=': case '<=': {
      const v = parseValue(text);
      // Sentinel compares numbers only: any other value matches nothing.
      return v instanceof JsonNumber ? `${path} ${op} ${celLiteral(v)}` : 'false';
    }
    case '~': {
      const s = quote(text);
      return `(type(${path}) == string ? ${path}.contains(${s}) : type(${path}) == list && ${path}.exists(x, type(x) == string && x.contains(${s})))`;
    }
    case '^':
      return `${path}.startsWith(${quote(text)})`;
    case '$':
      return `${path}.endsWith(${quote(text)})`;
    case ' in:':
      return `${path} in [${text.split(',').map((item) => celLiteral(parseValue(item.trim()))).join(', ')}]`;
    default: {
      const b = text.toLowerCase();
      if (['true', '1', 'yes'].includes(b)) return `has(${path})`;
      if (['false', '0', 'no'].includes(b)) return `!has(${path})`;
      throw new QueryError(`found "${text}": expected true or false after exists:`, { field, column: valueColumn });
    }
  }
}

function dataPath(raw: string, field: string): string {
  const name = raw.trim();
  const start = raw.length - raw.trimStart().length;
  if (name === '') throw new QueryError('expected a field name before the operator', { field, column: start + 1 });
  let out = 'data';
  let col = start;
  for (const key of name.split('.')) {
    if (key === '') throw new QueryError(`found an empty key in "${name}": expected a name between the dots`, { field, column: col + 1 });
    out += IDENT.test(key) && !RESERVED.has(key) ? `.${key}` : `[${quote(key)}]`;
    col += key.length + 1;
  }
  return out;
}

function parseValue(text: string): JsonValue {
  const r = parseJson(text);
  return r.ok ? r.value : text;
}

function quote(s: string): string {
  return JSON.stringify(s).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

const I64_MAX = (1n << 63n) - 1n;
const I64_MIN = -(1n << 63n);
const U64_MAX = (1n << 64n) - 1n;

/** A JSON value as a CEL literal of the value data would hold (celOfJson's types). */
function celLiteral(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return quote(v);
  if (v instanceof JsonNumber) {
    const t = v.text;
    if (/^-?(0|[1-9][0-9]*)$/.test(t)) {
      const n = BigInt(t);
      if (n >= I64_MIN && n <= I64_MAX) return n === I64_MIN ? `(${n + 1n} - 1)` : t.startsWith('-') ? `(${t})` : t;
      if (n > 0n && n <= U64_MAX) return `${t}u`;
    }
    const d = Number(t);
    return Number.isFinite(d) ? doubleLiteral(d) : 'false';
  }
  if (Array.isArray(v)) return `[${v.map(celLiteral).join(', ')}]`;
  return `{${[...(v as JsonObject).entries].map(([k, x]) => `${quote(k)}: ${celLiteral(x)}`).join(', ')}}`;
}

function doubleLiteral(d: number): string {
  const s = String(d);
  return /[.eE]/.test(s) ? (d < 0 ? `(${s})` : s) : `${s}.0`;
}
