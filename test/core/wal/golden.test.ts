import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeBinaryEntry } from '../../../core/wal/binary-codec.js';
import { encodeJsonlEntry } from '../../../core/wal/jsonl-codec.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import { recordToJson } from '../../../core/inspector/views/dump-view.js';
import type { WalRecord } from '../../../core/wal/records.js';
import { GOLDEN } from '../../support/paths.js';

const manifests = fs.readdirSync(GOLDEN).filter((f) => f.endsWith('.expected.jsonl')).sort();

/** Manifests split on "\n" only: data may hold raw U+2028/U+2029. */
function readManifest(file: string): Record<string, unknown>[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
}

async function readAll(p: string): Promise<WalRecord[]> {
  const out: WalRecord[] = [];
  for await (const r of readLog(await locateLog(p), { withRaw: true })) out.push(r);
  return out;
}

const ENTRY_KEYS = ['segment', 'offset', 'length', 'entry_type', 'transaction_id', 'collection', 'document_id', 'timestamp', 'data'];

describe('golden files written by the original', () => {
  it('has manifests to check', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(11);
  });

  for (const manifest of manifests) {
    const target = path.join(GOLDEN, manifest.replace(/\.expected\.jsonl$/, ''));
    it(`${path.basename(target)} reads exactly as its manifest`, async () => {
      const expected = readManifest(path.join(GOLDEN, manifest));
      const got = (await readAll(target)).map((r) => JSON.parse(recordToJson(r)) as Record<string, unknown>);
      expect(got.length).toBe(expected.length);
      got.forEach((g, i) => {
        const e = expected[i]!;
        expect(g.kind, `record ${i}`).toBe(e.kind);
        const keys = e.kind === 'entry' ? ENTRY_KEYS : ['segment', 'offset', 'length', 'damage'];
        for (const k of keys) expect(g[k], `record ${i} ${k}`).toEqual(e[k]);
        expect(g.id_utf8_valid, `record ${i} id_utf8_valid`).toBe(e.id_utf8_valid);
      });
    });

    it(`${path.basename(target)}: every intact entry re-encodes to its exact bytes`, async () => {
      const records = await readAll(target);
      const isJsonl = target.endsWith('.jsonl');
      let checked = 0;
      for (const r of records) {
        if (r.kind !== 'entry') continue;
        const bytes = isJsonl ? Buffer.from(encodeJsonlEntry(r.entry).replace(/\n$/, '')) : Buffer.from(encodeBinaryEntry(r.entry));
        // JSON Lines lines written by hand (damaged-lines) need not be in the original's key order.
        if (isJsonl && target.includes('damaged-lines')) continue;
        expect(bytes.equals(Buffer.from(r.raw!)), `${r.segment}@${r.offset}`).toBe(true);
        checked++;
      }
      if (!target.includes('damaged-lines') && !target.includes('garbage.wal')) expect(checked).toBeGreaterThan(0);
    });
  }

  it('basic.jsonl converted to binary is basic.wal, and back', async () => {
    const wal = fs.readFileSync(path.join(GOLDEN, 'basic.wal'));
    const jsonl = fs.readFileSync(path.join(GOLDEN, 'basic.jsonl'));
    const fromJsonl = (await readAll(path.join(GOLDEN, 'basic.jsonl'))).map((r) => (r.kind === 'entry' ? Buffer.from(encodeBinaryEntry(r.entry)) : Buffer.alloc(0)));
    expect(Buffer.concat(fromJsonl).equals(wal)).toBe(true);
    const fromWal = (await readAll(path.join(GOLDEN, 'basic.wal'))).map((r) => (r.kind === 'entry' ? encodeJsonlEntry(r.entry) : ''));
    expect(Buffer.from(fromWal.join('')).equals(jsonl)).toBe(true);
  });
});
