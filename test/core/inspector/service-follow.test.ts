import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InspectorEvent } from '../../../core/contract/contract.js';
import { binaryBytes, generated, harness, must, tempDir, writeFile } from './support/inspector-fixtures.js';

const h = harness({ followPollMs: 30 });
afterAll(() => h.service.close());

type FollowRows = Extract<InspectorEvent, { type: 'follow.rows' }>;
const followed = (sid: string, total: number) => (e: InspectorEvent) => e.type === 'follow.rows' && e.session_id === sid && (e as FollowRows).total_rows === total;

function collection(): { dir: string; active: string } {
  const dir = path.join(tempDir(), 'users');
  return { dir, active: path.join(dir, '.wal', 'transactions.wal') };
}

describe('follow', () => {
  it('new entries of the active segment appear as rows, with an event', async () => {
    const all = generated(30);
    const { dir, active } = collection();
    writeFile(active, binaryBytes(all.slice(0, 10)));
    const info = await h.open(dir);
    expect(info.segments.at(-1)!.active).toBe(true);
    expect(must(await h.api.follow.set({ session_id: info.session_id, enabled: true }))).toEqual({ following: true });
    fs.appendFileSync(active, binaryBytes(all.slice(10, 15)));
    const e = (await h.waitFor(followed(info.session_id, 15))) as FollowRows;
    expect(e).toMatchObject({ from_row: 10, count: 5 });
    // a half-written entry is waited for, not reported as damage
    const next = binaryBytes(all.slice(15, 16));
    fs.appendFileSync(active, next.subarray(0, 20));
    await new Promise((r) => setTimeout(r, 150));
    expect(must(await h.api.session.info({ session_id: info.session_id })).progress.rows).toBe(15);
    fs.appendFileSync(active, next.subarray(20));
    await h.waitFor(followed(info.session_id, 16));
    const page = must(await h.api.rows.page({ session_id: info.session_id, offset: 10, limit: 10 }));
    expect(page.rows.map((r) => r.kind)).toEqual(['entry', 'entry', 'entry', 'entry', 'entry', 'entry']);
    expect(must(await h.api.session.info({ session_id: info.session_id })).following).toBe(true);
    must(await h.api.follow.set({ session_id: info.session_id, enabled: false }));
  });

  it('an incomplete tail shown as damage at open is withdrawn once the writer completes it', async () => {
    const all = generated(12);
    const { dir, active } = collection();
    const last = binaryBytes(all.slice(10, 11));
    writeFile(active, Buffer.concat([binaryBytes(all.slice(0, 10)), last.subarray(0, 30)]));
    const info = await h.open(dir);
    expect(info.progress).toMatchObject({ rows: 11, damaged: 1 });
    must(await h.api.follow.set({ session_id: info.session_id, enabled: true }));
    await h.waitFor((e) => e.type === 'follow.rows' && e.session_id === info.session_id && (e as FollowRows).total_rows === 10);
    fs.appendFileSync(active, last.subarray(30));
    await h.waitFor(followed(info.session_id, 11));
    const s = must(await h.api.stats.get({ session_id: info.session_id }));
    expect(s).toMatchObject({ rows: 11, entries: 11, damaged: 0 });
    must(await h.api.follow.set({ session_id: info.session_id, enabled: false }));
  });

  it('follows across a rotation: the old segment keeps its rows under its new name', async () => {
    const all = generated(20);
    const { dir, active } = collection();
    writeFile(active, binaryBytes(all.slice(0, 5)));
    const info = await h.open(dir);
    must(await h.api.follow.set({ session_id: info.session_id, enabled: true }));
    fs.appendFileSync(active, binaryBytes(all.slice(5, 8)));
    await h.waitFor(followed(info.session_id, 8));
    const rotated = path.join(dir, '.wal', 'transactions.1732700000.wal');
    fs.renameSync(active, rotated);
    fs.writeFileSync(active, binaryBytes(all.slice(8, 12)));
    await h.waitFor(followed(info.session_id, 12));
    const after = must(await h.api.session.info({ session_id: info.session_id }));
    expect(after.segments.map((s) => s.name)).toEqual(['transactions.1732700000.wal', 'transactions.wal']);
    const page = must(await h.api.rows.page({ session_id: info.session_id, offset: 0, limit: 20 }));
    expect(page.rows.map((r) => r.segment_index)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    const d = must(await h.api.entry.get({ session_id: info.session_id, row: 2 }));
    expect(d.crc_stored).toBe(d.crc_computed);
    const d2 = must(await h.api.entry.get({ session_id: info.session_id, row: 9 }));
    expect(d2.row.segment).toBe('transactions.wal');
    must(await h.api.follow.set({ session_id: info.session_id, enabled: false }));
  });
});
