import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpRecordView, recordToJson } from '../../../../core/inspector/views/dump-view.js';
import { locateLog } from '../../../../core/wal/log-location.js';
import { readLog } from '../../../../core/wal/read-log.js';
import { GOLDEN } from '../../../support/paths.js';

const manifests = fs.readdirSync(GOLDEN).filter((f) => f.endsWith('.expected.jsonl')).sort();

describe('the dump view: the contract DumpRecord, and its JSON line', () => {
  it('has golden files to read', () => expect(manifests.length).toBeGreaterThanOrEqual(11));

  for (const manifest of manifests) {
    const target = path.join(GOLDEN, manifest.replace(/\.expected\.jsonl$/, ''));
    it(`${path.basename(target)}: the line is the record, and the record is its manifest's`, async () => {
      const expected = fs.readFileSync(path.join(GOLDEN, manifest), 'utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Record<string, unknown>);
      let i = 0;
      for await (const r of readLog(await locateLog(target))) {
        const view = dumpRecordView(r);
        // Same keys in the same order, same values: the fast writer prints exactly the view.
        expect(recordToJson(r), `record ${i}`).toBe(JSON.stringify(view));
        const e = expected[i]!;
        // Manifests hold the original's own detail texts: compare what the format defines.
        if (view.kind === 'damage') expect({ ...view, detail: e['detail'] }, `record ${i}`).toEqual(e);
        else expect(view, `record ${i}`).toEqual(e);
        i++;
      }
      expect(i).toBe(expected.length);
    });
  }
});
