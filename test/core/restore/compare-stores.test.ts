import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareStores } from '../../../core/restore/compare-stores.js';

let tmp: string;
afterEach(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function files(dir: string, docs: Record<string, string>) {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(docs)) await writeFile(join(dir, name), text);
}

describe('compareStores', () => {
  it('lists per document what a collection rehearsal changes, adds and removes against the live collection', async () => {
    tmp = await mkdtemp(join(tmpdir(), 'cmp-'));
    const big = 'x'.repeat(200_000);
    await files(join(tmp, 'live', 'users'), { 'a.json': '{"v":1}', 'b.json': '{"v":2}', 'gone.json': '{}', 'big.json': `"${big}1"`, 'notes.txt': 'x' });
    await mkdir(join(tmp, 'live', 'users', '.wal'));
    await files(join(tmp, 'rehearsal'), { 'a.json': '{"v":1}', 'b.json': '{"v":3}', 'new.json': '{"n":1}', 'big.json': `"${big}2"` });
    const r = await compareStores(join(tmp, 'rehearsal'), join(tmp, 'live', 'users'));
    expect({ same: r.same, changed: r.changed, only_rehearsal: r.only_rehearsal, only_live: r.only_live, truncated: r.truncated })
      .toEqual({ same: 1, changed: 2, only_rehearsal: 1, only_live: 1, truncated: false });
    expect(r.differences.map((d) => `${d.kind}:${d.document_id}`)).toEqual(['changed:b', 'changed:big', 'only-live:gone', 'only-rehearsal:new']);
    expect(r.differences[0]).toMatchObject({ collection: 'users', rehearsal_bytes: 7, live_bytes: 7 });
  });

  it('pairs the collections of two store roots, and keeps counting past the listed limit', async () => {
    tmp = await mkdtemp(join(tmpdir(), 'cmp-'));
    await files(join(tmp, 'live', 'data', 'users'), { 'u1.json': '1', 'u2.json': '2' });
    await files(join(tmp, 'live', 'data', 'orders'), { 'o1.json': '1' });
    await files(join(tmp, 'reh', 'data', 'users'), { 'u1.json': '9', 'u2.json': '8' });
    await files(join(tmp, 'reh', 'data', 'orders'), { 'o1.json': '1', 'o2.json': '2' });
    const r = await compareStores(join(tmp, 'reh'), join(tmp, 'live'), 2);
    expect([r.same, r.changed, r.only_rehearsal, r.only_live]).toEqual([1, 2, 1, 0]);
    expect(r.differences.map((d) => `${d.collection}/${d.document_id}`)).toEqual(['orders/o2', 'users/u1']);
    expect(r.truncated).toBe(true);
  });

  it('says NOT_A_STORE with the directory when the live path is no store', async () => {
    tmp = await mkdtemp(join(tmpdir(), 'cmp-'));
    await expect(compareStores(join(tmp, 'a'), join(tmp, 'missing'))).rejects.toMatchObject({ code: 'NOT_A_STORE' });
  });
});
