import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { documentHashSync, initBlake3 } from '../../../core/json/index.js';
import { parseDocumentFile } from '../../../core/store/document-file.js';
import { del, ins, upd } from '../store/store-fixture.js';
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
