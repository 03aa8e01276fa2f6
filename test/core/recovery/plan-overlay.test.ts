import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { documentHashSync, initBlake3, toCompactText } from '../../../core/json/index.js';
import { planRecovery } from '../../../core/recovery/plan-recovery.js';
import { parseDocumentFile } from '../../../core/store/document-file.js';
import { FsCollection } from '../../../core/store/fs-collection.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import { del, ins, makeStore, upd } from '../store/store-fixture.js';
import { cleanupStores, recoverOn } from './recover-helper.js';

afterEach(cleanupStores);

/** The hash a soft-deleted copy holds, beside the BLAKE3 of its data's compact text. */
async function trashHash(collDir: string, id: string): Promise<{ stored: string; computed: string }> {
  const parsed = parseDocumentFile(await readFile(join(collDir, '.deleted', `${id}.json`)), id);
  if (!parsed.ok) throw new Error(parsed.message);
  await initBlake3();
  return { stored: parsed.document.hash, computed: documentHashSync(parsed.document.data) };
}

describe('the plan overlay defers the hash of the states it computes', () => {
  for (const mode of ['safe', 'force'] as const) {
    it(`${mode}: a state made by the replay and then soft-deleted is written with its hash`, async () => {
      // `n` exists only in the replay (inserted, updated, deleted): its copy in .deleted/ is a
      // state of the overlay, the one that leaves it with a hash computed at the end.
      const r = await recoverOn({ keep: '{"k":1}' }, [ins('n', '{"v":1}'), upd('n', '{"v":2,"w":[1,2]}'), del('n')], mode);
      expect(r.plan.basis.get('n')?.deletedCopy).toBeDefined();
      const { stored, computed } = await trashHash(r.store.collDir, 'n');
      expect(stored).toMatch(/^[0-9a-f]{64}$/);
      expect(stored).toBe(computed);
    });
  }
});

describe('force replay keeps each Replace as text until its state is needed', () => {
  it('a state made by the replay keeps the identity of the one it replaced (created_at, version), with the times it was written', async () => {
    let tick = 0;
    const clock = () => `2025-01-01T00:00:0${tick++}.000000000Z`;
    const store = await makeStore({ base: '{"b":1}' }, [
      ins('n', '{"v":1}'), upd('n', '{"v":2}'), upd('n', '{"bad":'), del('n'), upd('base', '{"b":2}'), upd('base', '{"b":[3]}'), del('base'),
    ]);
    try {
      const location = await locateLog(store.collDir);
      const plan = await planRecovery(() => readLog(location), await FsCollection.open(store.collDir), { mode: 'force', clock });
      expect(plan.counts).toEqual({ recovered: 6, skipped: 0, failed: 1 });
      await initBlake3();
      const copy = (id: string) => {
        const d = plan.basis.get(id)!.deletedCopy!;
        return { created: d.createdAt, updated: d.updatedAt, version: toCompactText(d.version), data: toCompactText(d.data), hashed: d.hash === documentHashSync(d.data) };
      };
      // Ticks: n created 0, replaced 1 (the invalid entry takes none), deleted 2; base replaced 3 and 4, deleted 5.
      expect(copy('n')).toEqual({ created: '2025-01-01T00:00:00.000000000Z', updated: '2025-01-01T00:00:01.000000000Z', version: '1', data: '{"v":2}', hashed: true });
      const base = copy('base');
      expect(base).toMatchObject({ updated: '2025-01-01T00:00:04.000000000Z', data: '{"b":[3]}', hashed: true });
      expect(base.created).not.toMatch(/^2025-01-01/);
      expect(plan.changes.find((c) => c.documentId === 'base')).toMatchObject({ operation: 'delete' });
    } finally {
      await store.cleanup();
    }
  });
});
