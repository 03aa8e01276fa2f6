import { chmod, chown, lstat, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRecovery } from '../../../core/recovery/apply-recovery.js';
import { FsCollection } from '../../../core/store/fs-collection.js';
import { del, ins, makeStore, upd, type TestStore } from '../store/store-fixture.js';
import { planOn } from './recover-helper.js';

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

const attrs = async (p: string) => {
  const st = await lstat(p);
  return { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
};

// Issue 10, item 13: 0600/0444/nobody documents came back root 0644.
describe.skipIf(!asRoot)('recovery keeps file modes and owners (needs root to chown)', () => {
  it.each(['safe', 'force'] as const)('%s: a replaced file keeps its mode and owner; new files take the collection\'s', async (mode) => {
    const s = await makeStore(
      { secret: '{"v":1}', frozen: '{"v":1}', theirs: '{"v":1}', gone: '{"v":1}' },
      [upd('secret', '{"v":2}'), upd('frozen', '{"v":2}'), upd('theirs', '{"v":2}'), del('gone'), ins('fresh', '{"v":1}'), ins('brief', '{}'), del('brief')],
      { deleted: { theirs: '{"old":1}' } },
    );
    stores.push(s);
    const f = (n: string) => join(s.collDir, `${n}.json`);
    await chmod(f('secret'), 0o600);
    await chmod(f('frozen'), 0o444);
    await chown(f('theirs'), NOBODY, NOBODY);
    await chmod(f('theirs'), 0o640);
    await chown(f('gone'), NOBODY, 0);
    await chmod(f('gone'), 0o600);
    // The collection belongs to nobody and is private: new documents follow it.
    await chown(s.collDir, NOBODY, NOBODY);
    await chmod(s.collDir, 0o750);
    const plan = await planOn(s, mode);
    await applyRecovery(plan, await FsCollection.open(s.collDir), { backup: false });

    expect(await attrs(f('secret'))).toEqual({ mode: 0o600, uid: 0, gid: 0 });
    expect(await attrs(f('frozen'))).toEqual({ mode: 0o444, uid: 0, gid: 0 });
    expect(await attrs(f('theirs'))).toEqual({ mode: 0o640, uid: NOBODY, gid: NOBODY });
    expect(await attrs(join(s.collDir, '.deleted', 'gone.json'))).toEqual({ mode: 0o600, uid: NOBODY, gid: 0 });
    expect(await attrs(f('fresh'))).toEqual({ mode: 0o640, uid: NOBODY, gid: NOBODY });
    expect(await attrs(join(s.collDir, '.deleted', 'brief.json'))).toEqual({ mode: 0o640, uid: NOBODY, gid: NOBODY });
    expect((await stat(s.collDir)).mode & 0o7777).toBe(0o750);
  });

  it('the backup of a private document is as private as the document', async () => {
    const s = await makeStore({ secret: '{"v":1}' }, [upd('secret', '{"v":2}')]);
    stores.push(s);
    await chmod(join(s.collDir, 'secret.json'), 0o600);
    await chown(join(s.collDir, 'secret.json'), NOBODY, NOBODY);
    const r = await applyRecovery(await planOn(s, 'safe'), await FsCollection.open(s.collDir));
    expect(await attrs(join(r.backup!, 'secret.json'))).toEqual({ mode: 0o600, uid: NOBODY, gid: NOBODY });
  });
});
