import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonNumber, JsonObject, toCompactText } from '../../../core/json/index.js';
import { readPlanFile, removePlanFile, writePlanFile } from '../../../core/recovery/plan-file.js';
import type { RecoveryPlan } from '../../../core/recovery/recovery-types.js';
import { renderDocument } from '../../../core/store/document-file.js';
import { begin, del, ins, rollback, upd } from '../store/store-fixture.js';
import { cleanupStores, recoverOn } from './recover-helper.js';

afterEach(cleanupStores);

/** The plan with every document as text, to compare. */
function asText(plan: RecoveryPlan): unknown {
  const t = (v: unknown) => (v instanceof JsonObject || v instanceof JsonNumber || Array.isArray(v) || (v !== null && typeof v === 'object') ? toCompactText(v as never) : v);
  return {
    ...plan,
    changes: plan.changes.map((c) => ({ ...c, before: t(c.before), after: t(c.after), ...(c.deletedAfter !== undefined ? { deletedAfter: t(c.deletedAfter) } : {}) })),
    basis: [...plan.basis].map(([id, b]) => [id, { ...b, ...(b.deletedCopy ? { deletedCopy: renderDocument(b.deletedCopy) } : {}) }]),
  };
}

describe('a plan kept in a file', () => {
  it('reads back as it was written: changes, basis (soft-deleted copies, re-created documents), counts and lists', async () => {
    const T = 'tx-rolled-00000000000000000000x1';
    const log = [
      ins('a', '{"v":1.50,"big":12345678901234567890}'), del('a'), ins('a', '{"v":2}'),
      del('b'), upd('c', '{"c":[1,2,{"d":null}]}'), begin(T), ins('r', '{"r":true}', T), rollback(T), upd('nope', '{}'),
    ];
    const r = await recoverOn({ b: '{"b":1}', c: '{"c":0}' }, log, 'safe');
    const dir = await mkdtemp(join(tmpdir(), 'wal-inspector-plan-file-'));
    try {
      const file = await writePlanFile(r.plan, dir);
      expect(r.plan.basis.size).toBeGreaterThan(2);
      expect([...r.plan.basis.values()].some((b) => b.deletedCopy || b.recreated)).toBe(true);
      expect(asText(await readPlanFile(file))).toEqual(asText(r.plan));
      await removePlanFile(file);
      await removePlanFile(file);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
