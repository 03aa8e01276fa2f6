import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GOLDEN } from '../../support/paths.js';
import { harness, must } from './support/inspector-fixtures.js';

const h = harness();
afterAll(() => h.service.close());

const CASES = fs.readdirSync(GOLDEN).filter((n) => n.endsWith('.expected.jsonl')).map((n) => n.slice(0, -'.expected.jsonl'.length));

interface ManifestLine {
  kind: 'entry' | 'damage';
  segment: string;
  offset: number;
  length: number;
  damage?: string;
  entry_type?: string;
  transaction_id?: string;
  collection?: string;
  document_id?: string;
  timestamp?: string;
  data?: string | null;
}

function manifest(name: string): ManifestLine[] {
  return fs.readFileSync(path.join(GOLDEN, `${name}.expected.jsonl`), 'utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as ManifestLine);
}

/** Every golden file, read in place: the session's rows and entries are the manifest's, record for record. */
describe.each(CASES)('golden %s', (name) => {
  it('rows and entry.get match the manifest', async () => {
    const info = await h.open(path.join(GOLDEN, name));
    const expected = manifest(name);
    const page = must(await h.api.rows.page({ session_id: info.session_id, offset: 0, limit: 10_000 }));
    expect(page.total).toBe(expected.length);
    expect(page.rows.map((r) => ({ kind: r.kind, segment: r.segment, offset: r.offset, length: r.length }))).toEqual(
      expected.map((m) => ({ kind: m.kind, segment: m.segment, offset: m.offset, length: m.length })),
    );
    for (const [i, m] of expected.entries()) {
      const row = page.rows[i]!;
      if (m.kind === 'damage') {
        expect(row.damage).toBe(m.damage);
        continue;
      }
      expect({ t: row.entry_type, tx: row.transaction_id, c: row.collection, d: row.document_id, ts: row.timestamp }).toEqual({
        t: m.entry_type, tx: m.transaction_id, c: m.collection, d: m.document_id, ts: m.timestamp,
      });
      const detail = must(await h.api.entry.get({ session_id: info.session_id, row: i }));
      expect(detail.data).toBe(m.data);
      expect(detail.row.timestamp).toBe(m.timestamp);
    }
  });
});
