import { describe, expect, it } from 'vitest';
import { diffJson, foldUnchanged, summarizeDiff } from '../../../renderer/src/lib/json-diff.js';

const text = (lines: ReturnType<typeof diffJson>) => lines.map((l) => `${l.kind[0]} ${'  '.repeat(l.depth)}${l.text}`);

describe('diffJson', () => {
  it('marks a changed field as one removed and one added line, the rest unchanged', () => {
    const lines = diffJson({ name: 'Ann', age: 30, tags: ['a'] }, { name: 'Ann', age: 31, tags: ['a'] });
    expect(text(lines)).toEqual([
      's {',
      's   "name": "Ann"',
      'r   "age": 30',
      'a   "age": 31',
      's   "tags": [',
      's     "a"',
      's   ]',
      's }',
    ]);
  });

  it('shows an insert as all added and a delete as all removed', () => {
    expect(diffJson(undefined, { a: 1 }).every((l) => l.kind === 'added')).toBe(true);
    expect(diffJson({ a: 1 }, undefined).every((l) => l.kind === 'removed')).toBe(true);
  });

  it('adds and removes keys inside nested objects', () => {
    const lines = diffJson({ p: { x: 1, y: 2 } }, { p: { x: 1, z: 3 } });
    expect(text(lines)).toEqual(['s {', 's   "p": {', 's     "x": 1', 'r     "y": 2', 'a     "z": 3', 's   }', 's }']);
  });

  it('aligns arrays by their longest common subsequence', () => {
    const lines = diffJson([1, 2, 3, 4], [1, 3, 4, 5]);
    expect(text(lines)).toEqual(['s [', 's   1', 'r   2', 's   3', 's   4', 'a   5', 's ]']);
  });

  it('diffs an edited object inside an array in place', () => {
    const lines = diffJson([{ id: 1, v: 'a' }], [{ id: 1, v: 'b' }]);
    expect(summarizeDiff(lines)).toEqual({ added: 1, removed: 1 });
  });

  it('treats a type change as replace', () => {
    expect(text(diffJson({ a: [1] }, { a: { 0: 1 } }))).toEqual(['s {', 'r   "a": [', 'r     1', 'r   ]', 'a   "a": {', 'a     "0": 1', 'a   }', 's }']);
  });

  it('reports no change for equal documents whatever their key order', () => {
    expect(summarizeDiff(diffJson({ a: 1, b: 2 }, { b: 2, a: 1 }))).toEqual({ added: 0, removed: 0 });
  });
});

describe('foldUnchanged', () => {
  it('keeps context around changes and folds long unchanged runs', () => {
    const before = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
    const after = { ...before, k10: 'changed' };
    const chunks = foldUnchanged(diffJson(before, after), 2);
    expect(chunks.map((c) => (c.type === 'folded' ? `fold ${c.count}` : `lines ${c.lines.length}`))).toEqual([
      'fold 9',
      'lines 6',
      'fold 8',
    ]);
  });
});
