import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GOLDEN, REPO_ROOT } from '../../support/paths.js';
import { binaryBytes, entries, harness, must, tempDir, writeFile } from './support/inspector-fixtures.js';

const h = harness();
afterAll(() => h.service.close());

describe('session.open', () => {
  it('opens a segment file and indexes it in the background', async () => {
    const info = await h.open(path.join(GOLDEN, 'basic.wal'));
    expect(info.kind).toBe('segment');
    expect(info.progress).toMatchObject({ complete: true, rows: 31, entries: 31, damaged: 0, error: null });
    expect(info.progress.bytes_done).toBe(fs.statSync(path.join(GOLDEN, 'basic.wal')).size);
    expect(info.segments[0]).toMatchObject({ name: 'basic.wal', compression: 'none', format: 'binary', active: true });
    expect(info.first_time).toBeLessThanOrEqual(info.last_time!);
    expect(h.events.some((e) => e.type === 'index.done' && e.session_id === info.session_id)).toBe(true);
  });

  it('opens a chain directory with compressed segments in replay order', async () => {
    const info = await h.open(path.join(GOLDEN, 'chain'));
    expect(info.kind).toBe('wal-dir');
    expect(info.segments.map((s) => s.compression)).toEqual(['zstd', 'lz4', 'none', 'brotli', 'deflate', 'gzip', 'none']);
    expect(info.progress.rows).toBe(30);
    expect(info.segments.every((s) => s.bytes !== null && s.format === 'binary')).toBe(true);
  });

  it('opens a collection directory and a store root with one collection', async () => {
    const store = path.join(GOLDEN, 'recovery', 'crash-before-write', 'store');
    const viaRoot = await h.open(store);
    expect(viaRoot.collection).toBe('users');
    expect(viaRoot.collection_dir).toBe(path.join(store, 'data', 'users'));
    const viaCollection = await h.open(path.join(store, 'data', 'users'));
    expect(viaCollection.progress.rows).toBe(viaRoot.progress.rows);
  });

  it('opens a store with several collections as a store session (store-session.test.ts), or the one named', async () => {
    const dir = tempDir();
    for (const c of ['users', 'orders']) writeFile(path.join(dir, 'data', c, '.wal', 'transactions.wal'), binaryBytes(entries([{ type: 'Insert', collection: c }])));
    const whole = await h.open(dir);
    expect(whole.store?.collections.map((c) => c.collection)).toEqual(['orders', 'users']);
    expect(whole.progress.entries).toBe(2);
    const info = await h.open(dir, 'orders');
    expect(info.collection).toBe('orders');
  });

  it('a 0-byte file is a valid empty log', async () => {
    const file = writeFile(path.join(tempDir(), 'empty.wal'), new Uint8Array(0));
    const info = await h.open(file);
    expect(info.progress).toMatchObject({ rows: 0, entries: 0, damaged: 0, complete: true, error: null });
    expect(info.warnings).toEqual([]);
    const page = must(await h.api.rows.page({ session_id: info.session_id, offset: 0, limit: 10 }));
    expect(page).toMatchObject({ rows: [], total: 0, complete: true });
  });

  it('a file that is not a WAL opens as one damaged range and says no entry was found', async () => {
    const info = await h.open(path.join(GOLDEN, 'damaged-garbage.wal'));
    expect(info.progress).toMatchObject({ rows: 1, entries: 0, damaged: 1 });
    expect(info.warnings.join(' ')).toMatch(/No WAL entry was found/);
    const page = must(await h.api.rows.page({ session_id: info.session_id, offset: 0, limit: 10 }));
    expect(page.rows[0]).toMatchObject({ kind: 'damage', offset: 0, length: 1024, damage: 'undecodable' });
  });

  it('missing path → NOT_FOUND naming the path', async () => {
    const r = await h.api.session.open({ path: '/no/such/file.wal' });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', context: { file: '/no/such/file.wal' } } });
    if (!r.ok) expect(r.error.message).toContain('/no/such/file.wal');
  });

  it('a directory without a WAL → NOT_A_WAL with a plain message', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'hello');
    const r = await h.api.session.open({ path: dir });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_A_WAL' } });
    if (!r.ok) expect(r.error.message).toMatch(/no WAL here/);
  });

  it('permission denied → PERMISSION_DENIED (checked as an unprivileged user)', () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    const file = writeFile(path.join(dir, 'locked.wal'), binaryBytes(entries([{ type: 'Insert' }])));
    fs.chmodSync(file, 0o000);
    const script = path.join(dir, 'probe.mts');
    fs.writeFileSync(script, `
      if (process.getuid && process.getuid() === 0) process.setuid(65534);
      const { createInspectorService } = await import(${JSON.stringify(path.join(REPO_ROOT, 'core/inspector/service.ts'))});
      const s = createInspectorService();
      const r = await s.api.session.open({ path: ${JSON.stringify(file)} });
      console.log(JSON.stringify(r));
      await s.close();
    `);
    fs.chmodSync(script, 0o644);
    const out = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 });
    const r = JSON.parse(out.stdout.trim().split('\n').pop() ?? '{}');
    expect(r).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', context: { file } } });
    expect(r.error.message).toMatch(/permission denied/);
  });

  it('bad arguments → INVALID_ARGUMENT naming the field; unknown sessions → UNKNOWN_SESSION', async () => {
    const bad = await h.service.call('session.open', { path: '' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', context: { field: 'path' } } });
    const extra = await h.service.call('rows.page', { session_id: 'x', offset: 0, limit: 10, bogus: 1 } as never);
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const limit = await h.service.call('rows.page', { session_id: 'x', offset: 0, limit: 0 });
    expect(limit).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', context: { field: 'limit' } } });
    const unknownOp = await h.service.call('nope.nope' as never, {} as never);
    expect(unknownOp).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    const gone = await h.api.session.info({ session_id: 'no-such-session' });
    expect(gone).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SESSION' } });
  });

  it('lists, closes sessions (event), and keeps a recent list', async () => {
    const info = await h.open(path.join(GOLDEN, 'basic.jsonl'));
    expect(info.segments[0]?.format).toBe('jsonl');
    const list = must(await h.api.session.list({}));
    expect(list.some((s) => s.session_id === info.session_id)).toBe(true);
    must(await h.api.session.close({ session_id: info.session_id }));
    await h.waitFor((e) => e.type === 'session.closed' && e.session_id === info.session_id);
    expect((await h.api.session.info({ session_id: info.session_id })).ok).toBe(false);
    const recent = must(await h.api.recent.list({}));
    expect(recent[0]?.path).toBe(path.join(GOLDEN, 'basic.jsonl'));
    must(await h.api.recent.clear({}));
    expect(must(await h.api.recent.list({}))).toEqual([]);
  });

  it('app.info says what this front end can do', async () => {
    const info = must(await h.api.app.info({}));
    expect(info).toMatchObject({ mode: 'test', dialogs: false, file_browser: true, demo_store: null, open_on_start: null });
    expect((await h.api.dialog.open({ kind: 'file' }))).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
  });
});
