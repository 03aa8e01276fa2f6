import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRestoreAt, planRestoreAt } from '../../../core/inspector/use-cases/restore.js';
import { compareStorePage } from '../../../core/restore/compare-documents.js';
import { discardRehearsal, snapshotRehearsal } from '../../../core/restore/rehearsal.js';
import { D, I, T0, U, type Step } from '../history/history-fixture.js';
import { documentText, type TestStore } from '../store/store-fixture.js';
import { storeWith } from './restore-fixture.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

const N = 120;
/** n0…: inserted at 1; the even ones changed at 5, every fifth deleted at 5; late0… created at 5. */
async function rehearsed(): Promise<{ s: TestStore; into: string }> {
  const steps: Step[] = [];
  const docs: Record<string, string> = {};
  for (let i = 0; i < N; i++) {
    steps.push(I(`n${String(i).padStart(3, '0')}`, `{"v":${i},"keep":{"x":1}}`, { at: 1 }));
    const id = `n${String(i).padStart(3, '0')}`;
    if (i % 5 === 0) steps.push(D(id, { at: 5 }));
    else if (i % 2 === 0) {
      steps.push(U(id, `{"v":${i},"keep":{"x":2},"bad":true}`, { at: 5 }));
      docs[id] = `{"bad":true,"keep":{"x":2},"v":${i}}`;
    } else docs[id] = `{"keep":{"x":1},"v":${i}}`;
  }
  for (let k = 0; k < 3; k++) {
    steps.push(I(`late${k}`, '{"new":1}', { at: 5 }));
    docs[`late${k}`] = '{"new":1}';
  }
  const s = await storeWith(docs, steps);
  stores.push(s);
  const into = join(s.root, 'rehearsal');
  await applyRestoreAt(await planRestoreAt({ store: s.collDir, until: String(T0 + 2n), into }));
  return { s, into };
}

describe('compareStorePage (store.compare)', () => {
  it('lists per document what the rehearsal changes, adds and removes, with the data and the JSON paths', async () => {
    const { s, into } = await rehearsed();
    const c = await compareStorePage(s.collDir, into, 0, 500);
    const changedIds = Array.from({ length: N }, (_, i) => i).filter((i) => i % 5 !== 0 && i % 2 === 0);
    expect({ changed: c.changed, added: c.added, removed: c.removed, truncated: c.truncated }).toEqual({ changed: changedIds.length, added: N / 5, removed: 3, truncated: false });
    expect(c.same).toBe(N - N / 5 - changedIds.length);
    const n002 = c.differences.find((d) => d.document_id === 'n002')!;
    expect(n002).toMatchObject({ collection: 'users', kind: 'changed', paths: ['$.bad', '$.keep.x'], paths_total: 2 });
    expect(JSON.parse(n002.left!)).toEqual({ bad: true, keep: { x: 2 }, v: 2 });
    expect(JSON.parse(n002.right!)).toEqual({ keep: { x: 1 }, v: 2 });
    expect(c.differences.find((d) => d.document_id === 'n005')).toMatchObject({ kind: 'added', left: null, left_bytes: null, paths: ['$'] });
    expect(c.differences.find((d) => d.document_id === 'late1')).toMatchObject({ kind: 'removed', right: null, paths: ['$'] });
  });

  it('pages: offset and limit cut the same ordered list, the counts cover all', async () => {
    const { s, into } = await rehearsed();
    const all = await compareStorePage(s.collDir, into, 0, 500);
    const pages = [];
    for (let offset = 0; ; offset += 7) {
      const p = await compareStorePage(s.collDir, into, offset, 7);
      expect({ changed: p.changed, added: p.added, removed: p.removed }).toEqual({ changed: all.changed, added: all.added, removed: all.removed });
      pages.push(...p.differences);
      if (!p.truncated) break;
    }
    expect(pages).toEqual(all.differences);
  });

  it('a document file that does not parse is shown by size with a note', async () => {
    const { s, into } = await rehearsed();
    await writeFile(join(into, 'n001.json'), 'not json');
    const c = await compareStorePage(s.collDir, into, 0, 500);
    expect(c.differences.find((d) => d.document_id === 'n001')).toMatchObject({ kind: 'changed', right: null, paths: [], note: expect.stringMatching(/is not a document file/) });
  });
});

describe('discardRehearsal (restore.discard)', () => {
  it('removes the folder as written', async () => {
    const { into } = await rehearsed();
    const written = await snapshotRehearsal(into);
    await discardRehearsal(into, written);
    await expect(readFile(join(into, 'n001.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  for (const [what, change] of [
    ['a file changed', async (into: string) => writeFile(join(into, 'n001.json'), await documentText('n001', '{"mine":1}'))],
    ['a file added', (into: string) => writeFile(join(into, 'notes.txt'), 'keep me')],
    ['a folder added', (into: string) => mkdir(join(into, 'sub'))],
    ['a link put in', (into: string) => symlink('/etc', join(into, 'etc'))],
  ] as const) {
    it(`refuses, naming the file, when ${what} since; nothing is removed`, async () => {
      const { into } = await rehearsed();
      const written = await snapshotRehearsal(into);
      await change(into);
      await expect(discardRehearsal(into, written)).rejects.toMatchObject({ code: 'REHEARSAL_CHANGED', context: { file: expect.stringContaining(into) } });
      expect(await readFile(join(into, 'n003.json'), 'utf8')).toContain('"n003"');
    });
  }
});
