import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

const HELPER = 'test/support/paths.ts';

/** Every test source file but the one helper that knows where ../shared lies. */
function testFiles(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(e.name) && path.relative(REPO_ROOT, p) !== HELPER) out.push({ file: path.relative(REPO_ROOT, p), text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(path.join(REPO_ROOT, 'test'));
  return out;
}

/** `file:line: the line` for each line matching `pattern`. */
function hits(pattern: RegExp): string[] {
  return testFiles().flatMap(({ file, text }) =>
    text.split('\n').flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])));
}

describe(`tests find ../shared only through ${HELPER}`, () => {
  it('the scan reads the tests that use the golden files', () => {
    expect(testFiles().filter(({ text }) => /\bGOLDEN\b/.test(text)).length).toBeGreaterThan(10);
  });

  it('no test spells a path into ../shared (absolute or relative) itself', () => {
    expect(hits(/['"`][^'"`\n]*\bshared\/(golden|tools)\b/)).toEqual([]);
  });

  it('no test holds this machine\'s own absolute paths (the checkout\'s parent directory)', () => {
    const parent = path.dirname(REPO_ROOT) + path.sep;
    expect(parent.length).toBeGreaterThan(1);
    const escaped = parent.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(hits(new RegExp(`['"\`]${escaped}`))).toEqual([]);
  });
});
