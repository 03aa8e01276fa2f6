import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { I, T0, U, type Step } from '../core/history/history-fixture.js';
import { walOf } from '../core/restore/restore-fixture.js';
import { documentText, liveData, makeStore, type TestStore } from '../core/store/store-fixture.js';
import { runCliCaptured } from '../support/run-cli-in-process.js';

const stores: TestStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.cleanup();
});

/**
 * a and b inserted, then both updated; b's Insert has one flipped bit in its data ("Bob" →
 * "BoB"), so without repair b's history starts with an Update and cannot be restored.
 */
const steps: Step[] = [I('a', '{"v":1}', { at: 1 }), I('b', '{"name":"Bob"}', { at: 2 }), U('a', '{"v":2}', { at: 5 }), U('b', '{"name":"Bobby"}', { at: 6 })];
const now = { a: '{"v":2}', b: '{"name":"Bobby"}' };

function flipped(collection = 'users'): Uint8Array {
  const bytes = walOf(steps, collection);
  const at = walOf(steps.slice(0, 2), collection).length - 4 - 3;
  bytes[at] = bytes[at]! ^ 0x20;
  return bytes;
}

async function store(): Promise<TestStore> {
  const s = await makeStore(now, flipped());
  stores.push(s);
  return s;
}

const UNTIL = String(T0 + 2n);
const ids = (r: { changes: { document_id: string; includes_repaired?: boolean }[] }) => r.changes.map((c) => [c.document_id, c.includes_repaired ?? false]);

describe('restore --include-repaired', () => {
  it('off (the default): the flipped Insert is left out, and the preview says one bit explains it', async () => {
    const s = await store();
    const r = await runCliCaptured(['restore', s.collDir, '--store', s.collDir, '--until', UNTIL, '--dry-run', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(ids(out)).toEqual([['a', false]]);
    expect(out).toMatchObject({ damaged_ranges: 1, include_repaired: false, incomplete: ['b'] });
    expect(out.repaired_entries).toBeUndefined();
    expect(out.notes).toContain('1 of the lost ranges is a single-bit error: --include-repaired (include_repaired) replays the repaired entry');
  });

  it('on: the repaired Insert is restored, listed and its change marked in the preview; applying writes it', async () => {
    const s = await store();
    const dry = await runCliCaptured(['restore', s.collDir, '--store', s.collDir, '--until', UNTIL, '--dry-run', '--json', '--include-repaired']);
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout);
    expect(ids(plan)).toEqual([['a', false], ['b', true]]);
    expect(plan).toMatchObject({ damaged_ranges: 0, include_repaired: true, incomplete: [] });
    expect(plan.repaired_entries).toEqual([expect.objectContaining({ collection: 'users', document_id: 'b', entry_type: 'Insert', field: 'data', before: 0x42, after: 0x62 })]);
    expect(plan.notes).toContain('1 entry was repaired (one flipped bit each, located by the CRC) and is replayed as read back');
    const human = await runCliCaptured(['restore', s.collDir, '--store', s.collDir, '--until', UNTIL, '--dry-run', '--include-repaired']);
    expect(human.stdout).toMatch(/update users\/b: \{"name":"Bobby"\} → \{"name":"Bob"\} \[a repaired entry\]/);

    const applied = await runCliCaptured(['restore', s.collDir, '--store', s.collDir, '--until', UNTIL, '--yes', '--json', '--include-repaired']);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout).repaired_entries).toEqual(plan.repaired_entries);
    expect(await liveData(s.collDir)).toEqual({ a: '{"v":1}', b: '{"name":"Bob"}' });
  });

  it('a store root: each collection\'s repaired entry is listed under its own collection (both logs are transactions.wal)', async () => {
    const s = await store();
    const orders = join(s.storeDir, 'data', 'orders');
    await mkdir(join(orders, '.wal'), { recursive: true });
    for (const [id, data] of Object.entries(now)) await writeFile(join(orders, `${id}.json`), await documentText(id, data));
    await writeFile(join(orders, '.wal', 'transactions.wal'), flipped('orders'));
    const r = await runCliCaptured(['restore', s.storeDir, '--store', s.storeDir, '--until', UNTIL, '--dry-run', '--json', '--include-repaired']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.repaired_entries.map((e: { collection: string; document_id: string }) => `${e.collection}/${e.document_id}`)).toEqual(['orders/b', 'users/b']);
    expect(plan.changes.filter((c: { includes_repaired?: boolean }) => c.includes_repaired).map((c: { collection: string }) => c.collection)).toEqual(['orders', 'users']);
  });
});
