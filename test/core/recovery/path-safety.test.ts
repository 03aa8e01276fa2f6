import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRecovery } from '../../../core/recovery/apply-recovery.js';
import { FsCollection } from '../../../core/store/fs-collection.js';
import { verifyLog } from '../../../core/verify/verify-log.js';
import { type LogEntry } from '../../../core/wal/log-entry.js';
import { createEntry } from '../../../core/wal/new-entry.js';
import { locateLog } from '../../../core/wal/log-location.js';
import { readLog } from '../../../core/wal/read-log.js';
import { makeStore, treeSnapshot, type TestStore } from '../store/store-fixture.js';
import { planOn } from './recover-helper.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

function hostileIds(root: string): string[] {
  return [
    '../victim', '../../victim', '../../../victim', 'a/../../victim', '..', '.', '', ' ', '.deleted', '.wal',
    join(root, 'victim'), '/etc/passwd', '/tmp/wal-inspector-abs', '..\\victim', 'a\\..\\..\\victim', 'C:\\Windows\\x',
    'a\u0000b', '\u0000', 'CON', 'con', 'Nul', 'COM1', 'lpt9', 'AUX', 'PRN', 'victim.json', 'a:b', 'a*', 'x\n',
    'é', 'a' + 'é'.repeat(200), 'ok-' + '€'.repeat(90), // cut mid-character at 256 bytes
  ];
}

function hostileLog(ids: readonly string[]): LogEntry[] {
  const out: LogEntry[] = [];
  let n = 0;
  for (const id of ids) {
    for (const type of ['Insert', 'Update', 'Delete'] as const) {
      out.push(createEntry({ entryType: type, collection: 'users', documentId: id, transactionId: `t${String(n++).padStart(31, '0')}`, data: type === 'Delete' ? null : '{"pwned":true}' }));
    }
  }
  return out;
}

describe('path safety: ids from the log never become a path outside the collection', () => {
  it.each(['safe', 'force'] as const)('%s: every hostile id fails, nothing outside the collection is created, changed or deleted', async (mode) => {
    // A store made first gives a real absolute path to aim at (its root, then removed with it).
    const probe = await makeStore({}, []);
    stores.push(probe);
    const ids = hostileIds(probe.root);
    const s = await makeStore({ legit: '{"v":1}' }, hostileLog(ids));
    stores.push(s);
    await writeFile(join(s.root, 'victim'), 'outside');
    await writeFile(join(s.root, 'victim.json'), 'outside');
    await writeFile(join(s.storeDir, 'data', 'victim.json'), 'outside');
    await mkdir(join(s.storeDir, 'data', 'other'));
    await writeFile(join(s.storeDir, 'data', 'other', 'victim.json'), 'other collection');
    const outside = () => treeSnapshot(s.root, { skip: (rel) => rel.startsWith(join('store', 'data', 'users')) });
    const beforeOutside = await outside();
    const beforeInside = await treeSnapshot(s.collDir);
    const beforeProbe = await treeSnapshot(probe.root);

    const store = await FsCollection.open(s.collDir);
    const plan = await planOn(s, mode);
    expect(plan.changes).toEqual([]);
    // Every Insert/Update/Delete of every hostile id fails (none touches a document).
    expect(plan.counts.recovered).toBe(0);
    const valid = ids.filter((id) => /^[A-Za-z0-9_-]+$/.test(id) && !/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(id));
    expect(valid).toEqual([]);
    await applyRecovery(plan, store);
    expect(await outside()).toEqual(beforeOutside);
    expect(await treeSnapshot(s.collDir)).toEqual(beforeInside);
    expect(await treeSnapshot(probe.root)).toEqual(beforeProbe);

    const v = await verifyLog(readLog(await locateLog(s.collDir)), store);
    expect(v.findings.some((f) => f.kind === 'invalid-utf8-id')).toBe(true);
    expect(await outside()).toEqual(beforeOutside);
  });

  it('a valid id too long for a file name fails with an I/O error and creates nothing', async () => {
    const long = 'x'.repeat(256);
    const s = await makeStore({}, [createEntry({ entryType: 'Insert', collection: 'users', documentId: long, data: '{}' })]);
    stores.push(s);
    const before = await treeSnapshot(s.root);
    const plan = await planOn(s, 'force');
    expect(plan.failures[0]?.reason).toBe('I/O error: File name too long (os error 36)');
    await applyRecovery(plan, await FsCollection.open(s.collDir));
    expect(await treeSnapshot(s.root)).toEqual(before);
  });

  it('a .deleted that is a symlink out of the collection is refused', async () => {
    const { symlink } = await import('node:fs/promises');
    const s = await makeStore({ a: '{}' }, [createEntry({ entryType: 'Delete', collection: 'users', documentId: 'a' })]);
    stores.push(s);
    await mkdir(join(s.root, 'elsewhere'));
    await symlink(join(s.root, 'elsewhere'), join(s.collDir, '.deleted'));
    const plan = await planOn(s, 'safe');
    await expect(applyRecovery(plan, await FsCollection.open(s.collDir), { backup: false })).rejects.toThrow();
    expect(await treeSnapshot(join(s.root, 'elsewhere'))).toEqual(new Map());
  });
});

// Issue 10, item 12: every directory recovery writes into is refused when it is a link.
describe('directories recovery writes into are never links', () => {
  it.each([['.backups', true], ['.deleted', false]] as const)('a %s that is a symlink out of the collection is refused before anything is written, naming it', async (name, backup) => {
    const { symlink } = await import('node:fs/promises');
    const s = await makeStore({ a: '{"v":1}' }, [createEntry({ entryType: 'Update', collection: 'users', documentId: 'a', data: '{"v":2}' }), createEntry({ entryType: 'Delete', collection: 'users', documentId: 'a' })]);
    stores.push(s);
    await mkdir(join(s.root, 'elsewhere'));
    await symlink(join(s.root, 'elsewhere'), join(s.collDir, name));
    const snap = () => treeSnapshot(s.collDir, { skip: (rel) => rel === name });
    const before = await snap();
    const plan = await planOn(s, 'safe');
    const err = await applyRecovery(plan, await FsCollection.open(s.collDir), { backup }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNSAFE_DIRECTORY', context: { file: join(s.collDir, name) } });
    expect((err as Error).message).toContain(join(s.collDir, name));
    expect(await treeSnapshot(join(s.root, 'elsewhere'))).toEqual(new Map());
    expect(await snap()).toEqual(before);
  });

  it('a .backups that is a file is refused too', async () => {
    const s = await makeStore({ a: '{"v":1}' }, [createEntry({ entryType: 'Update', collection: 'users', documentId: 'a', data: '{"v":2}' })]);
    stores.push(s);
    await writeFile(join(s.collDir, '.backups'), 'not a directory');
    const err = await applyRecovery(await planOn(s, 'safe'), await FsCollection.open(s.collDir)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNSAFE_DIRECTORY', context: { file: join(s.collDir, '.backups') } });
  });
});
