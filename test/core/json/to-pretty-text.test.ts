import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  JsonNumber,
  JsonObject,
  documentHash,
  parseJson,
  toCompactText,
  toPrettyText,
  toPrettyTextOrdered,
  type JsonValue,
} from '../../../core/json/index.js';
import { GOLDEN } from '../../support/paths.js';

// With its trailing separator: the test names are the paths below it.
const RECOVERY = join(GOLDEN, 'recovery') + sep;

function value(text: string): JsonValue {
  const r = parseJson(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function documentFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...documentFiles(path));
    else if (name.endsWith('.json') && path.includes('/store/')) out.push(path);
  }
  return out;
}

describe('toPrettyText', () => {
  it('prints serde_json pretty shape: two spaces, "key": value, no final newline', () => {
    expect(toPrettyText(value('{"b":[1,{"x":[]}],"a":{},"c":"s","d":[[]]}'))).toBe(
      ['{', '  "a": {},', '  "b": [', '    1,', '    {', '      "x": []', '    }', '  ],', '  "c": "s",', '  "d": [', '    []', '  ]', '}'].join('\n'),
    );
  });

  it('prints scalars and empty containers on one line', () => {
    expect(toPrettyText(null)).toBe('null');
    expect(toPrettyText(new JsonNumber('-0.0'))).toBe('-0.0');
    expect(toPrettyText('a\nb')).toBe('"a\\nb"');
    expect(toPrettyText([])).toBe('[]');
    expect(toPrettyText(new JsonObject())).toBe('{}');
  });

  it('sorts keys by UTF-8 bytes at every level', () => {
    expect(toPrettyText(value('{"😀":1,"ｚ":{"b":1,"a":2}}'))).toBe('{\n  "ｚ": {\n    "a": 2,\n    "b": 1\n  },\n  "😀": 1\n}');
  });

  it('parses back to an equal value', () => {
    const v = value('{"k":[1,2,{"x":"\\u0001"}],"e":{},"f":[]}');
    expect(toCompactText(value(toPrettyText(v)))).toBe(toCompactText(v));
  });
});

describe('toPrettyTextOrdered', () => {
  it('keeps the outer key order and sorts everything inside', () => {
    const doc = new JsonObject([
      ['id', 'doc-1'],
      ['version', new JsonNumber('1')],
      ['data', value('{"z":1,"a":{"y":2,"b":3}}')],
    ]);
    expect(toPrettyTextOrdered(doc)).toBe(
      '{\n  "id": "doc-1",\n  "version": 1,\n  "data": {\n    "a": {\n      "b": 3,\n      "y": 2\n    },\n    "z": 1\n  }\n}',
    );
    expect(toPrettyText(doc).startsWith('{\n  "data"')).toBe(true);
  });

  it('prints a non-object as toPrettyText does', () => {
    expect(toPrettyTextOrdered(value('[{"b":1,"a":2}]'))).toBe('[\n  {\n    "a": 2,\n    "b": 1\n  }\n]');
    expect(toPrettyTextOrdered(new JsonObject())).toBe('{}');
  });

  const files = documentFiles(RECOVERY);

  it('finds the golden document files', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [f.slice(RECOVERY.length), f]))('reproduces %s byte for byte, and its hash', async (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const doc = value(text);
    expect(doc).toBeInstanceOf(JsonObject);
    const keys = Array.from((doc as JsonObject).entries.keys());
    expect(keys).toEqual(['id', 'version', 'created_at', 'updated_at', 'hash', 'signature', 'data']);
    expect(toPrettyTextOrdered(doc)).toBe(text);
    const data = (doc as JsonObject).get('data') as JsonValue;
    expect(await documentHash(data)).toBe((doc as JsonObject).get('hash'));
  });
});
