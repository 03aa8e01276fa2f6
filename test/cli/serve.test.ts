import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectorEvent } from '../../core/contract/contract.js';
import { createInspectorService, type InspectorService } from '../../core/inspector/service.js';
import { startServeServer, type RunningServer } from '../../cli/serve/serve-server.js';
import { createHttpApi } from '../../renderer/src/bridge/http-client.js';
import { binaryBytes, generated, tempDir, writeFile } from '../core/inspector/support/inspector-fixtures.js';
import { GOLDEN, REPO_ROOT } from '../support/paths.js';
import { NodeEventSource, request } from './serve-support.js';

let service: InspectorService;
let server: RunningServer;
let base = '';
let cookie = '';

beforeAll(async () => {
  service = createInspectorService({ mode: 'browser' });
  server = await startServeServer({ service, rendererDir: path.join(tempDir(), 'no-build') });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await service.close();
});

const api = (op: string, body: unknown, headers: Record<string, string> = {}) =>
  request(`${base}/api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body: JSON.stringify(body) });

describe('serve: token, cookie, origin', () => {
  it('answers 401 to everything without the token, the page included', async () => {
    expect((await request(`${base}/`)).status).toBe(401);
    expect((await request(`${base}/?token=wrong`)).status).toBe(401);
    expect((await request(`${base}/assets/app.js`)).status).toBe(401);
    const r = await request(`${base}/api/app.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(401);
    expect(r.body).toMatch(/URL that `wal-inspector serve` printed/);
  });

  it('exchanges the token for a strict same-site HttpOnly cookie and drops it from the URL', async () => {
    const r = await request(server.url);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    const set = String(r.headers['set-cookie']);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    cookie = set.split(';')[0]!;
    const page = await request(`${base}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toMatch(/renderer is not built/);
  });

  it('refuses API calls from another origin, another host name, or as a form post', async () => {
    expect((await api('app.info', {})).status).toBe(200);
    expect((await api('app.info', {}, { origin: base })).status).toBe(200);
    expect((await api('app.info', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('app.info', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await api('app.info', {}, { host: 'evil.example' })).status).toBe(421);
    expect((await api('app.info', {}, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await request(`${base}/api/app.info`, { headers: { cookie } })).status).toBe(405);
    const unknown = await api('nope.nope', {});
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    const bad = await api('rows.page', { session_id: 'x' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

describe('serve: the renderer HTTP client end to end', () => {
  it('calls operations, receives server-sent events, and fetches a page of 10,000 rows', async () => {
    const headers = { authorization: `Bearer ${server.token}` };
    const client = createHttpApi({
      baseUrl: base,
      fetch: ((url: string, init: RequestInit) => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...headers } })) as typeof fetch,
      EventSource: class extends NodeEventSource {
        constructor(url: string) { super(url, headers); }
      } as unknown as typeof EventSource,
    });
    const events: InspectorEvent[] = [];
    const off = client.onEvent((e) => events.push(e));
    await new Promise((r) => setTimeout(r, 100));
    const info = await client.app.info({});
    expect(info).toMatchObject({ ok: true, value: { mode: 'browser', file_browser: true, dialogs: false } });
    const file = writeFile(path.join(tempDir(), 'big.wal'), binaryBytes(generated(12_000)));
    const opened = await client.session.open({ path: file });
    if (!opened.ok) throw new Error(opened.error.message);
    const sid = opened.value.session_id;
    for (let i = 0; i < 200 && !events.some((e) => e.type === 'index.done' && e.session_id === sid); i++) await new Promise((r) => setTimeout(r, 50));
    expect(events.some((e) => e.type === 'index.done' && e.session_id === sid)).toBe(true);
    const page = await client.rows.page({ session_id: sid, offset: 0, limit: 10_000 });
    expect(page.ok && page.value.rows.length).toBe(10_000);
    expect(page.ok && page.value.total).toBe(12_000);
    const listing = await client.fs.list({ path: GOLDEN });
    expect(listing.ok && listing.value.entries.find((e) => e.name === 'chain')?.wal_hint).toBe('wal-dir');
    const dialog = await client.dialog.open({ kind: 'file' });
    expect(dialog).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
    off();
    const gone = createHttpApi({ baseUrl: 'http://127.0.0.1:1' });
    expect(await gone.app.info({})).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
  });
});

describe('wal-inspector serve (the command)', () => {
  it('prints the URL with its token and serves until interrupted', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'serve', path.join(GOLDEN, 'chain'), '--port', '0', '--no-recent'], { cwd: REPO_ROOT });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)\n/m.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const r = await request(url);
      expect(r.status).toBe(303);
      const c = String(r.headers['set-cookie']).split(';')[0]!;
      const origin = new URL(url).origin;
      const info = await request(`${origin}/api/app.info`, { method: 'POST', headers: { cookie: c, 'content-type': 'application/json', origin }, body: '{}' });
      expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { mode: 'browser', open_on_start: path.join(GOLDEN, 'chain') } });
    } finally {
      child.kill('SIGINT');
    }
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });
});
