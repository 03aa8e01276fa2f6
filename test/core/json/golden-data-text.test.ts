import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, toCompactText } from '../../../core/json/index.js';
import { GOLDEN } from '../../support/paths.js';

/** `data` strings of a manifest (split on "\n" only: data may hold raw U+2028/U+2029). */
function dataStrings(manifest: string): { id: string; data: string }[] {
  const out: { id: string; data: string }[] = [];
  for (const line of readFileSync(join(GOLDEN, manifest), 'utf8').split('\n')) {
    if (line === '') continue;
    const record = JSON.parse(line) as { kind: string; document_id?: string; data?: string | null };
    if (record.kind === 'entry' && typeof record.data === 'string') out.push({ id: record.document_id ?? '', data: record.data });
  }
  return out;
}

describe('serde_json data texts in the golden manifests', () => {
  const edge = dataStrings('edge-values.wal.expected.jsonl');

  it('has the edge-value cases', () => {
    expect(edge.map((e) => e.id)).toEqual(expect.arrayContaining(['content-numbers', 'content-key-order', 'content-escapes', 'content-non-bmp', 'content-duplicates', 'content-json-macro']));
  });

  it.each(edge.map((e) => [e.id, e.data]))('edge-values %s: toCompactText(parseJson(data)) === data', (_id, data) => {
    const r = parseJson(data);
    if (data === '') {
      expect(r.ok).toBe(false);
      return;
    }
    expect(r.ok).toBe(true);
    if (r.ok) expect(toCompactText(r.value)).toBe(data);
  });

  const others = readdirSync(GOLDEN).filter((f) => f.endsWith('.expected.jsonl') && f !== 'edge-values.wal.expected.jsonl');

  it('every data text in the other manifests that parses prints back unchanged', () => {
    let checked = 0;
    for (const manifest of others) {
      for (const { data } of dataStrings(manifest)) {
        const r = parseJson(data);
        if (!r.ok) continue;
        expect(toCompactText(r.value), manifest).toBe(data);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
