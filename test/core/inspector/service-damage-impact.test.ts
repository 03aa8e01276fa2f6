import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withImpact } from '../../../core/wal/damage/impact-stream.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import type { DamageImpact } from '../../../core/contract/contract.js';
import { GOLDEN } from '../../support/paths.js';
import { harness, must } from './support/inspector-fixtures.js';

const h = harness();
afterAll(() => h.service.close());

const DAMAGED = fs.readdirSync(GOLDEN).filter((n) => n.startsWith('damaged-') && n.endsWith('.expected.jsonl')).map((n) => n.slice(0, -'.expected.jsonl'.length));

async function dumpImpacts(file: string): Promise<DamageImpact[]> {
  const out: DamageImpact[] = [];
  for await (const r of withImpact(readLog(await locateLog(file)))) if (r.kind === 'damage') out.push(r.impact!);
  return out;
}

/** The service computes the impact from its index; dump from the stream: the same answer. */
describe.each(DAMAGED)('impact of golden %s in the service', (name) => {
  it('damage.list, rows.page and entry.get carry the impact dump prints', async () => {
    const file = path.join(GOLDEN, name);
    const expected = await dumpImpacts(file);
    expect(expected.length).toBeGreaterThan(0);
    const info = await h.open(file);
    const list = must(await h.api.damage.list({ session_id: info.session_id, offset: 0, limit: 100 }));
    expect(list.items.map((d) => d.impact)).toEqual(expected);
    const page = must(await h.api.rows.page({ session_id: info.session_id, offset: 0, limit: 10_000 }));
    expect(page.rows.filter((r) => r.kind === 'damage').map((r) => r.impact)).toEqual(expected);
    const detail = must(await h.api.entry.get({ session_id: info.session_id, row: list.items[0]!.row }));
    expect(detail.impact).toEqual(expected[0]);
  });
});
