import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInspectorService, type InspectorService } from '../../core/inspector/service.js';
import { startServeServer, type RunningServer } from '../../cli/serve/serve-server.js';
import { tempDir } from '../core/inspector/support/inspector-fixtures.js';
import { REPO_ROOT } from '../support/paths.js';
import { rawRequest, type RawResponse } from './serve-support.js';

// Issue 10 item 17: every bad request gets a clean 4xx that names no path of this machine.
let service: InspectorService;
let server: RunningServer;
let root = '';
const headers = (): Record<string, string> => ({ authorization: `Bearer ${server.token}`, 'content-type': 'application/json' });

beforeAll(async () => {
  root = path.join(tempDir(), 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  service = createInspectorService({ mode: 'browser' });
  server = await startServeServer({ service, rendererDir: root });
});
afterAll(async () => {
  await server.close();
  await service.close();
});

/** A clean refusal: the status, JSON with a stable code, and nothing that reveals where we run. */
function expectClean(r: RawResponse, status: number, code?: string): void {
  expect(r.status).toBe(status);
  for (const secret of [root, REPO_ROOT, path.dirname(root)]) expect(r.body).not.toContain(secret);
  expect(r.body).not.toMatch(/\n\s+at |node:internal|ERR_/);
  if (code !== undefined) expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code } });
}

describe('serve: request bodies', () => {
  it('answers 413 to arguments over 1 MiB, with a Content-Length, instead of resetting the connection', async () => {
    const body = Buffer.alloc(2 << 20, 0x20);
    const r = await rawRequest(server.port, '/api/app.info', { method: 'POST', headers: { ...headers(), 'content-length': String(body.length) }, body });
    expectClean(r, 413, 'INVALID_ARGUMENT');
    expect(JSON.parse(r.body).error.context).toEqual({ limit: 1 << 20 });
  });

  it('answers 413 to a chunked body that grows past 1 MiB', async () => {
    const chunks = Array.from({ length: 40 }, () => Buffer.alloc(64 << 10, 0x20));
    const r = await rawRequest(server.port, '/api/app.info', { method: 'POST', headers: headers(), body: chunks });
    expectClean(r, 413, 'INVALID_ARGUMENT');
  });

  it('still answers a body of exactly 1 MiB', async () => {
    const body = Buffer.alloc(1 << 20, 0x20);
    body.write('{}');
    const r = await rawRequest(server.port, '/api/app.info', { method: 'POST', headers: headers(), body });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true });
  });
});

describe('serve: URLs', () => {
  it('refuses a NUL or another control character with 400 and no path (was 500 with the install path)', async () => {
    expectClean(await rawRequest(server.port, '/%00'), 400, 'BAD_REQUEST');
    expectClean(await rawRequest(server.port, '/assets/a%00.js'), 400, 'BAD_REQUEST');
    expectClean(await rawRequest(server.port, '/a%0Ab'), 400, 'BAD_REQUEST');
  });

  it('refuses malformed percent-encoding with 400 and a code', async () => {
    expectClean(await rawRequest(server.port, '/%E0%A4%A'), 400, 'BAD_REQUEST');
    expectClean(await rawRequest(server.port, '/%'), 400, 'BAD_REQUEST');
    expectClean(await rawRequest(server.port, '/%C0%AF'), 400, 'BAD_REQUEST');
  });

  it('refuses URLs over 4,096 characters with 414, and a file name too long for the file system is no file (was 500)', async () => {
    expectClean(await rawRequest(server.port, `/${'a'.repeat(5000)}`), 414, 'URL_TOO_LONG');
    // Node itself refuses request heads over 16 KiB, with an empty body.
    expectClean(await rawRequest(server.port, `/${'a'.repeat(20_000)}`), 431);
    const long = await rawRequest(server.port, `/${'a'.repeat(300)}.js`);
    expectClean(long, 200);
    expect(long.body).toContain('<title>app</title>');
  });

  it('answers a request target that is not a path, or a write to a page, with a clean 4xx', async () => {
    expectClean(await rawRequest(server.port, '*', { method: 'OPTIONS' }), 400, 'BAD_REQUEST');
    expectClean(await rawRequest(server.port, `http://127.0.0.1:${server.port}/`), 400, 'BAD_REQUEST');
    const post = await rawRequest(server.port, '/', { method: 'POST' });
    expectClean(post, 405, 'METHOD_NOT_ALLOWED');
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});

describe('serve: failures inside', () => {
  it('answers 500 with a code and tells the terminal, never the browser, what failed', async () => {
    const failing = { call: () => Promise.reject(new Error(`cannot read ${path.join(root, 'secret')}`)), onEvent: () => () => {} };
    const told: unknown[] = [];
    const s = await startServeServer({ service: failing as unknown as InspectorService, rendererDir: root, onError: (e) => told.push(e) });
    try {
      const r = await rawRequest(s.port, '/api/app.info', { method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' }, body: '{}' });
      expectClean(r, 500, 'INTERNAL');
      expect(told.map((e) => (e as Error).message)).toEqual([`cannot read ${path.join(root, 'secret')}`]);
    } finally {
      await s.close();
    }
  });
});
