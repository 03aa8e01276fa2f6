import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InspectorEvent } from '../../../core/contract/contract.js';
import { makeMultiCollectionStore } from '../../support/multi-collection-store.js';
import { binaryBytes, generated, harness, must, tempDir, writeFile } from './support/inspector-fixtures.js';

const h = harness({ followPollMs: 30, growthPollMs: 40 });
afterAll(() => h.service.close());

type Grown = Extract<InspectorEvent, { type: 'log.grown' }>;

/** Another process appends `bytes` to `file` in `parts` writes, `gapMs` apart (a writer beside the open session). */
function appendFromAnotherProcess(file: string, bytes: Buffer, parts: number, gapMs: number): Promise<void> {
  const script = `
    const fs = require('node:fs');
    const bytes = Buffer.from(process.argv[1], 'base64');
    const parts = Number(process.argv[2]), gap = Number(process.argv[3]), file = process.argv[4];
    const step = Math.ceil(bytes.length / parts);
    let i = 0;
    const next = () => {
      if (i >= bytes.length) return;
      fs.appendFileSync(file, bytes.subarray(i, i + step));
      i += step;
      setTimeout(next, gap);
    };
    next();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, bytes.toString('base64'), String(parts), String(gapMs), file], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited ${code}`))));
  });
}

function collection(): { dir: string; active: string } {
  const dir = path.join(tempDir(), 'users');
  return { dir, active: path.join(dir, '.wal', 'transactions.wal') };
}

describe('a log that grows while it is open', () => {
  it('says so without Follow: size on disk and the bytes not read yet, with log.grown events', async () => {
    const all = generated(40);
    const { dir, active } = collection();
    const first = binaryBytes(all.slice(0, 10));
    writeFile(active, first);
    const info = await h.open(dir);
    expect(info.unread_bytes).toBe(0);
    expect(info.segments.at(-1)!.file_bytes).toBe(first.length);
    const more = binaryBytes(all.slice(10, 40));
    await appendFromAnotherProcess(active, more, 3, 60);
    const total = first.length + more.length;
    const e = (await h.waitFor((x) => x.type === 'log.grown' && x.session_id === info.session_id && (x as Grown).file_bytes === total)) as Grown;
    expect(e.unread_bytes).toBe(more.length);
    const after = must(await h.api.session.info({ session_id: info.session_id }));
    expect(after.segments.at(-1)!.file_bytes).toBe(total);
    expect(after.unread_bytes).toBe(more.length);
    // Rows stay as they were until the user asks for the new ones.
    expect(after.progress.entries).toBe(10);
    must(await h.api.follow.set({ session_id: info.session_id, enabled: true }));
    await h.waitFor((x) => x.type === 'follow.rows' && x.session_id === info.session_id && (x as Extract<InspectorEvent, { type: 'follow.rows' }>).total_rows === 40);
    const followed = must(await h.api.session.info({ session_id: info.session_id }));
    expect(followed.progress.entries).toBe(40);
    expect(followed.unread_bytes).toBe(0);
    must(await h.api.follow.set({ session_id: info.session_id, enabled: false }));
  });

  it('with Follow on, the size and the counts both keep up with the writer', async () => {
    const all = generated(30);
    const { dir, active } = collection();
    writeFile(active, binaryBytes(all.slice(0, 5)));
    const info = await h.open(dir);
    must(await h.api.follow.set({ session_id: info.session_id, enabled: true }));
    const more = binaryBytes(all.slice(5, 30));
    await appendFromAnotherProcess(active, more, 5, 50);
    const size = fs.statSync(active).size;
    await h.waitFor((x) => x.type === 'log.grown' && x.session_id === info.session_id && (x as Grown).file_bytes === size);
    await h.waitFor((x) => x.type === 'follow.rows' && x.session_id === info.session_id && (x as Extract<InspectorEvent, { type: 'follow.rows' }>).total_rows === 30);
    const s = must(await h.api.session.info({ session_id: info.session_id }));
    expect(s.segments.at(-1)!.file_bytes).toBe(size);
    expect(s.progress.entries).toBe(30);
    expect(s.unread_bytes).toBe(0);
    must(await h.api.follow.set({ session_id: info.session_id, enabled: false }));
  });

  it('stops looking once the session is closed', async () => {
    const { dir, active } = collection();
    writeFile(active, binaryBytes(generated(3)));
    const info = await h.open(dir);
    must(await h.api.session.close({ session_id: info.session_id }));
    fs.appendFileSync(active, binaryBytes(generated(2, 3)));
    await new Promise((r) => setTimeout(r, 200));
    expect(h.events.some((x) => x.type === 'log.grown' && x.session_id === info.session_id)).toBe(false);
  });
});

describe('a store session whose collections grow while it is open', () => {
  it('follows every collection\'s active segment: the size on disk and the bytes not read yet, summed', async () => {
    const store = await makeMultiCollectionStore();
    try {
      const info = await h.open(store.root);
      expect(info.store).toBeDefined();
      expect(info.unread_bytes).toBe(0);
      const before = info.segments.reduce((n, s) => n + s.file_bytes, 0);
      const grown = ['accounts', 'orders'].map((c, k) => {
        const active = path.join(store.collectionDir(c), '.wal', 'transactions.wal');
        expect(fs.existsSync(active)).toBe(true);
        const more = binaryBytes(generated(5 + k * 3, 100 * k));
        fs.appendFileSync(active, more);
        return more.length;
      });
      const added = grown[0]! + grown[1]!;
      const e = (await h.waitFor((x) => x.type === 'log.grown' && x.session_id === info.session_id && (x as Grown).file_bytes === before + added)) as Grown;
      expect(e.unread_bytes).toBe(added);
      const after = must(await h.api.session.info({ session_id: info.session_id }));
      expect(after.unread_bytes).toBe(added);
      expect(after.segments.find((s) => s.name === 'accounts/transactions.wal')!.file_bytes)
        .toBe(info.segments.find((s) => s.name === 'accounts/transactions.wal')!.file_bytes + grown[0]!);
      // The rows stay as read: a store session is opened again to read the new entries.
      expect(after.progress.entries).toBe(info.progress.entries);
      const again = await h.open(store.root);
      expect(again.progress.entries).toBe(info.progress.entries + 5 + 8);
      expect(again.unread_bytes).toBe(0);
    } finally {
      await store.cleanup();
    }
  });
});
