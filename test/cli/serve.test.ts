import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectorEvent } from '../../core/contract/contract.js';
import { createInspectorService, type InspectorService } from '../../core/inspector/service.js';
import { startServeServer, type RunningServer } from '../../cli/serve/serve-server.js';
import { createHttpApi } from '../../renderer/src/bridge/http-client.js';
import { binaryBytes, generated, tempDir, writeFile } from '../core/inspector/support/inspector-fixtures.js';
import { GOLDEN, REPO_ROOT } from '../support/paths.js';
import { request } from './serve-support.js';

let service: InspectorService;
let server: RunningServer;
let base = '';
let bearer: Record<string, string> = {};

beforeAll(async () => {
  service = createInspectorService({ mode: 'browser' });
  server = await startServeServer({ service, rendererDir: path.join(tempDir(), 'no-build') });
  base = `http://127.0.0.1:${server.port}`;
  bearer = { authorization: `Bearer ${server.token}` };
});
afterAll(async () => {
  await server.close();
  await service.close();
});

const api = (op: string, body: unknown, headers: Record<string, string> = {}) =>
  request(`${base}/api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer, ...headers }, body: JSON.stringify(body) });

describe('serve: token, origin', () => {
  it('prints the token in the URL fragment, which no request carries', () => {
    expect(server.url).toBe(`${base}/#token=${server.token}`);
    expect(server.token).toMatch(/^[\w-]{43}$/);
  });

  it('answers 401 to API calls and events without the bearer token; never sets a cookie', async () => {
    const r = await request(`${base}/api/app.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORISED' } });
    expect(r.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await api('app.info', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await api('app.info', {}, { authorization: `Bearer ${server.token}x` })).status).toBe(401);
    expect((await api('app.info', {}, { authorization: server.token })).status).toBe(401);
    // The cookie of earlier versions is no credential any more.
    expect((await api('app.info', {}, { authorization: '', cookie: `wal_inspector_session=${server.token}` })).status).toBe(401);
    expect((await request(`${base}/api/events`)).status).toBe(401);
    expect((await request(`${base}/?token=${server.token}`)).headers['set-cookie']).toBeUndefined();
    expect((await api('app.info', {})).headers['set-cookie']).toBeUndefined();
  });

  it('serves the page without the token (it holds no data), with its security headers', async () => {
    const page = await request(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toMatch(/renderer is not built/);
  });

  it('refuses API calls from another origin, another host name, or as a form post', async () => {
    expect((await api('app.info', {})).status).toBe(200);
    expect((await api('app.info', {}, { origin: base })).status).toBe(200);
    expect((await api('app.info', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('app.info', {}, { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await api('app.info', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await api('app.info', {}, { host: 'evil.example' })).status).toBe(421);
    expect((await request(`${base}/`, { headers: { host: `evil.example:${server.port}` } })).status).toBe(421);
    expect((await api('app.info', {}, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await request(`${base}/api/app.info`, { headers: bearer })).status).toBe(405);
    const unknown = await api('nope.nope', {});
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    const bad = await api('rows.page', { session_id: 'x' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

describe('serve: the renderer HTTP client end to end', () => {
  it('calls operations, receives streamed events, and fetches a page of 10,000 rows', async () => {
    const client = createHttpApi({ baseUrl: base, token: server.token });
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
    const gone = createHttpApi({ baseUrl: 'http://127.0.0.1:1', token: null });
    expect(await gone.app.info({})).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    const untokened = createHttpApi({ baseUrl: base, token: null });
    expect(await untokened.app.info({})).toMatchObject({ ok: false, error: { code: 'DISCONNECTED', message: expect.stringMatching(/Not authorised/) } });
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
          const m = /^(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)\n/m.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const token = new URL(url).hash.replace('#token=', '');
      const origin = new URL(url).origin;
      const info = await request(`${origin}/api/app.info`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin }, body: '{}',
      });
      expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { mode: 'browser', open_on_start: path.join(GOLDEN, 'chain') } });
    } finally {
      child.kill('SIGINT');
    }
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });
});
