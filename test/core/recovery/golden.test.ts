import { cp, mkdtemp, readdir, rm, chmod } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonObject, parseJson, toCompactText } from '../../../core/json/index.js';
import { applyRecovery } from '../../../core/recovery/apply-recovery.js';
import { planRecovery } from '../../../core/recovery/plan-recovery.js';
import { FsCollection } from '../../../core/store/fs-collection.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import { deletedData, liveData } from '../store/store-fixture.js';
import { replayInOrder } from './recover-helper.js';
import { GOLDEN as GOLDEN_ROOT } from '../../support/paths.js';

const GOLDEN = join(GOLDEN_ROOT, 'recovery');
const CASES = readdirSync(GOLDEN, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const MODES = ['safe', 'force', 'safe_committed_only', 'force_committed_only'] as const;
const temps: string[] = [];
afterAll(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true });
});

async function copyCase(name: string): Promise<string> {
  const t = await mkdtemp(join(tmpdir(), 'wal-inspector-golden-'));
  temps.push(t);
  await cp(join(GOLDEN, name, 'store'), join(t, 'store'), { recursive: true });
  const walk = async (d: string): Promise<void> => {
    await chmod(d, 0o755);
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(d, e.name));
      else await chmod(join(d, e.name), 0o644);
    }
  };
  await walk(join(t, 'store'));
  const data = join(t, 'store', 'data');
  return join(data, (await readdir(data))[0]!);
}

function expectedFinal(exp: unknown): Record<string, string> {
  const obj = exp as JsonObject;
  const out: Record<string, string> = {};
  for (const [k, v] of obj.entries) out[k] = toCompactText(v);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe.each(CASES)('golden case %s', (name) => {
  const parsed = parseJson(readFileSync(join(GOLDEN, name, 'expected.json'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  const expected = parsed.value as JsonObject;

  it.each(MODES)('%s: counts, failures, final documents and .deleted/ as an in-order replay leaves it; a second plan has no changes', async (modeKey) => {
    const e = expected.get(modeKey) as JsonObject;
    const num = (k: string) => Number((e.get(k) as { text: string }).text);
    const coll = await copyCase(name);
    const location = await locateLog(coll);
    const store = await FsCollection.open(coll);
    const mode = modeKey.startsWith('safe') ? 'safe' : 'force';
    const committedOnly = modeKey.endsWith('committed_only');
    const inOrder = await replayInOrder(coll, mode, committedOnly);
    const plan = await planRecovery(() => readLog(location), store, { mode, committedOnly });
    expect(plan.counts).toEqual({ recovered: num('recovered_operations'), skipped: num('skipped_operations'), failed: num('failed_operations') });
    if (committedOnly) expect(plan.dropped.length).toBe(num('dropped_entries'));
    expect(plan.failures.length).toBe((e.get('failures') as unknown[]).length);
    await applyRecovery(plan, store, { backup: false });
    expect(await liveData(coll)).toEqual(expectedFinal(e.get('final_documents')));
    expect({ live: await liveData(coll), deleted: await deletedData(coll) }).toEqual(inOrder);
    const again = await planRecovery(() => readLog(location), store, { mode, committedOnly });
    expect(again.changes).toEqual([]);
  });
});
