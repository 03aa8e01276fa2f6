import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toCompactText } from '../../../core/json/index.js';
import type { SnapshotStore } from '../../../core/store/document-ops.js';
import { FsCollection } from '../../../core/store/fs-collection.js';
import { json, makeStore, memoryStore, type DocSpec, type TestStore } from './store-fixture.js';

interface Made {
  store: SnapshotStore;
  /** Live data as compact text. */
  data(id: string): Promise<string | undefined>;
  deleted(id: string): Promise<string | undefined>;
}

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

const FACTORIES: Record<string, (docs: Record<string, string | DocSpec>, collection?: string) => Promise<Made>> = {
  fs: async (docs, collection = 'users') => {
    const s = await makeStore(docs, [], { collection });
    stores.push(s);
    const store = await FsCollection.open(s.collDir);
    const read = async (p: string) => {
      try {
        return toCompactText((json(await readFile(p, 'utf8')) as unknown as { get(k: string): never }).get('data'));
      } catch {
        return undefined;
      }
    };
    return { store, data: (id) => read(join(s.collDir, `${id}.json`)), deleted: (id) => read(join(s.collDir, '.deleted', `${id}.json`)) };
  },
  memory: async (docs, collection = 'users') => {
    const store = await memoryStore(docs, collection);
    const text = (d: { data: never } | undefined) => (d ? toCompactText(d.data) : undefined);
    return { store, data: async (id) => text(store.documents.get(id) as never), deleted: async (id) => text(store.deleted.get(id) as never) };
  },
};

describe.each(Object.keys(FACTORIES))('%s collection', (kind) => {
  const make = FACTORIES[kind]!;

  it('gets a document\'s data, or nothing', async () => {
    const m = await make({ a: '{"x":1.50}' });
    const got = await m.store.getDocument('a');
    expect(got.ok && got.value && toCompactText(got.value.data)).toBe('{"x":1.50}');
    const none = await m.store.getDocument('b');
    expect(none).toEqual({ ok: true, value: undefined });
  });

  it('every call validates the id first', async () => {
    const m = await make({});
    for (const id of ['', '../a', 'a/b', 'CON', 'a\0', 'é']) {
      const g = await m.store.getDocument(id);
      expect(g.ok).toBe(false);
      if (!g.ok) expect(g.error.message).toBe(`I/O error: Invalid document ID: ${id}`);
      const a = await m.store.applyOperation(id, { type: 'Delete' });
      expect(!a.ok && a.error.code).toBe('INVALID_DOCUMENT_ID');
    }
  });

  it('insert creates, and fails on an existing document', async () => {
    const m = await make({ a: '{"v":1}' });
    expect((await m.store.applyOperation('b', { type: 'Insert', data: json('{"v":2}') })).ok).toBe(true);
    expect(await m.data('b')).toBe('{"v":2}');
    const r = await m.store.applyOperation('a', { type: 'Insert', data: json('{"v":3}') });
    expect(!r.ok && r.error.message).toBe("I/O error: Document 'a' already exists in collection 'users'");
    expect(await m.data('a')).toBe('{"v":1}');
  });

  it('insert replaces in a system collection', async () => {
    const m = await make({ a: '{"v":1}' }, '.system');
    expect((await m.store.applyOperation('a', { type: 'Insert', data: json('{"v":3}') })).ok).toBe(true);
    expect(await m.data('a')).toBe('{"v":3}');
  });

  it('update deep-merges, and fails on a missing document', async () => {
    const m = await make({ a: '{"keep":1,"o":{"x":1,"y":[1,2]},"n":{"z":1},"s":"t"}' });
    const r = await m.store.applyOperation('a', { type: 'Update', data: json('{"o":{"y":[3],"w":2},"n":5,"s":{"q":1}}') });
    expect(r.ok).toBe(true);
    expect(await m.data('a')).toBe('{"keep":1,"n":5,"o":{"w":2,"x":1,"y":[3]},"s":{"q":1}}');
    const missing = await m.store.applyOperation('b', { type: 'Update', data: json('{}') });
    expect(!missing.ok && missing.error.message).toBe("I/O error: Document 'b' not found in collection 'users'");
  });

  it('update with a non-object replaces the data', async () => {
    const m = await make({ a: '{"v":1}' });
    await m.store.applyOperation('a', { type: 'Update', data: json('null') });
    expect(await m.data('a')).toBe('null');
  });

  it('delete soft-deletes into .deleted/, replacing an older copy, and succeeds when missing', async () => {
    const m = await make({ a: '{"v":1}' });
    expect((await m.store.applyOperation('a', { type: 'Delete' })).ok).toBe(true);
    expect(await m.data('a')).toBeUndefined();
    expect(await m.deleted('a')).toBe('{"v":1}');
    await m.store.applyOperation('a', { type: 'Insert', data: json('{"v":2}') });
    await m.store.applyOperation('a', { type: 'Delete' });
    expect(await m.deleted('a')).toBe('{"v":2}');
    expect(await m.store.applyOperation('zz', { type: 'Delete' })).toEqual({ ok: true, value: { effect: 'none', rewroteSigned: false } });
  });

  it('replace (force) makes the document exactly the data, created or not', async () => {
    const m = await make({ a: '{"keep":1}' });
    await m.store.applyOperation('a', { type: 'Replace', data: json('{"v":1.0}') });
    await m.store.applyOperation('b', { type: 'Replace', data: json('[1e5]') });
    expect(await m.data('a')).toBe('{"v":1.0}');
    expect(await m.data('b')).toBe('[1e+5]');
  });

  it('a signed document that changes is re-written unsigned, and says so', async () => {
    const m = await make({ a: { data: '{"v":1}', signature: 'ed25519:abcd' } });
    const r = await m.store.applyOperation('a', { type: 'Update', data: json('{"v":2}') });
    expect(r).toEqual({ ok: true, value: { effect: 'updated', rewroteSigned: true } });
    const got = await m.store.getDocument('a');
    expect(got.ok && got.value?.signature).toBe('');
  });

  it('snapshots fingerprint the stored form', async () => {
    const m = await make({ a: '{"v":1}' });
    const s1 = await m.store.readSnapshot('a');
    await m.store.applyOperation('a', { type: 'Update', data: json('{"v":2}') });
    const s2 = await m.store.readSnapshot('a');
    expect(s1.ok && s2.ok && s1.value!.fingerprint !== s2.value!.fingerprint).toBe(true);
    expect(await m.store.readSnapshot('nope')).toEqual({ ok: true, value: undefined });
  });
});

describe('file-system collection specifics', () => {
  it('writes atomically: no temporary file is left, untouched documents keep every byte', async () => {
    const s = await makeStore({ a: '{"v":1}', b: '{"v":2}' }, []);
    stores.push(s);
    const before = await readFile(join(s.collDir, 'b.json'));
    const c = await FsCollection.open(s.collDir);
    await c.applyOperation('a', { type: 'Update', data: json('{"w":1}') });
    await c.applyOperation('n', { type: 'Insert', data: json('{}') });
    expect((await readdir(s.collDir)).sort()).toEqual(['.wal', 'a.json', 'b.json', 'n.json']);
    expect(await readFile(join(s.collDir, 'b.json'))).toEqual(before);
  });

  it('an unreadable document fails reads and updates with an I/O error; an insert over it fails as existing', async () => {
    const s = await makeStore({}, []);
    stores.push(s);
    await writeFile(join(s.collDir, 'bad.json'), '{"data": ');
    const c = await FsCollection.open(s.collDir);
    const g = await c.getDocument('bad');
    expect(!g.ok && g.error.message).toMatch(/^I\/O error: EOF while parsing/);
    expect((await c.applyOperation('bad', { type: 'Update', data: json('1') })).ok).toBe(false);
    const i = await c.applyOperation('bad', { type: 'Insert', data: json('1') });
    expect(!i.ok && i.error.code).toBe('DOCUMENT_EXISTS');
    expect(await readFile(join(s.collDir, 'bad.json'), 'utf8')).toBe('{"data": ');
  });

  it('readDocumentFileSync answers as readDocumentFile: a document, a missing one, an unreadable one, an invalid id, a directory in the way', async () => {
    const s = await makeStore({ a: '{"v":1}' }, []);
    stores.push(s);
    await writeFile(join(s.collDir, 'bad.json'), '{"data": ');
    await mkdir(join(s.collDir, 'dir.json'));
    const c = await FsCollection.open(s.collDir);
    for (const id of ['a', 'missing', 'bad', 'not valid', 'dir']) expect(c.readDocumentFileSync(id), id).toEqual(await c.readDocumentFile(id));
    const a = c.readDocumentFileSync('a');
    expect(a.ok && a.value && Buffer.from(a.value.bytes).equals(await readFile(join(s.collDir, 'a.json')))).toBe(true);
    const dir = c.readDocumentFileSync('dir');
    expect(!dir.ok && dir.error.code).toBe('IO_ERROR');
  });

  it('refuses a collection directory with an invalid name', async () => {
    const s = await makeStore({}, []);
    stores.push(s);
    const bad = join(s.storeDir, 'data', 'con');
    await mkdir(bad);
    await expect(FsCollection.open(bad)).rejects.toMatchObject({ code: 'INVALID_COLLECTION_NAME' });
  });

  it('lists live documents with valid ids only', async () => {
    const s = await makeStore({ a: '1', b: '2' }, [], { deleted: { c: '3' } });
    stores.push(s);
    await writeFile(join(s.collDir, 'not valid.json'), '{}');
    await writeFile(join(s.collDir, '.metadata.json'), '{}');
    expect(await (await FsCollection.open(s.collDir)).listDocumentIds()).toEqual(['a', 'b']);
  });
});
