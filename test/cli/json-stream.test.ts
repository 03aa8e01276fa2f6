import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonPieces, writeJson } from '../../cli/json-stream.js';

const VALUES: unknown[] = [
  null, 1, 'x', true, [], {}, [[]], [{}], { a: [] }, { a: {} },
  { a: 1, b: 'two\nlines "quoted" \u2028 é 😀', c: null, d: undefined, e: [1, 'x', null, undefined, { f: [] }], g: { h: { i: { j: { k: [1, { l: 2 }] } } } } },
  { collections: [{ collection: 'c', changes: Array.from({ length: 30 }, (_, i) => ({ document_id: `d${i}`, before: i % 2 ? null : '{\n  "v": 1\n}', after: '{}' })) }], totals: 3 },
  [{ toJSON: () => 'as-json' }, new Date(0)],
];

class Collect extends Writable {
  text = '';
  writes = 0;
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    this.writes++;
    setImmediate(done);
  }
}

describe('jsonPieces / writeJson', () => {
  it.each(VALUES.map((v) => [JSON.stringify(v)?.slice(0, 40), v]))('the bytes of JSON.stringify(value, null, 2): %s', async (_name, value) => {
    expect([...jsonPieces(value)].join('')).toBe(JSON.stringify(value, null, 2));
    const out = new Collect();
    await writeJson(out, value);
    expect(out.text).toBe(JSON.stringify(value, null, 2) + '\n');
  });

  it('writes a large value in chunks, never as one string', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ document_id: `doc-${i}`, after: 'x'.repeat(100) }));
    const value = { changes: rows, count: rows.length };
    const out = new Collect();
    await writeJson(out, value);
    expect(out.text).toBe(JSON.stringify(value, null, 2) + '\n');
    expect(out.writes).toBeGreaterThan(20);
    expect(Math.max(...[...jsonPieces(value)].map((p) => p.length))).toBeLessThan(200);
  });
});
