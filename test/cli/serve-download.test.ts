import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeServer, type RunningServer } from '../../cli/serve/serve-server.js';
import type { ExportDownload } from '../../core/contract/contract.js';
import { binaryBytes, generated, harness, must, tempDir, writeFile, type Harness } from '../core/inspector/support/inspector-fixtures.js';
import { request } from './serve-support.js';

let h: Harness;
let server: RunningServer;
let base = '';
let sessionId = '';
const bearer = () => ({ authorization: `Bearer ${server.token}`, 'content-type': 'application/json' });

beforeAll(async () => {
  h = harness({ mode: 'browser', downloads: true });
  server = await startServeServer({ service: h.service, rendererDir: path.join(tempDir(), 'no-build') });
  base = `http://127.0.0.1:${server.port}`;
  const log = writeFile(path.join(tempDir(), 'users', '.wal', 'transactions.wal'), binaryBytes(generated(400)));
  sessionId = (await h.open(path.dirname(path.dirname(log)))).session_id;
});
afterAll(async () => {
  await server.close();
  await h.service.close();
});

async function ticket(body: Record<string, unknown> = {}, headers: Record<string, string> = bearer()): Promise<{ status: number; value?: ExportDownload }> {
  const r = await request(`${base}/api/export.download`, { method: 'POST', headers, body: JSON.stringify({ session_id: sessionId, format: 'jsonl', ...body }) });
  const parsed = JSON.parse(r.body) as { ok: boolean; value?: ExportDownload };
  return { status: r.status, ...(parsed.ok ? { value: parsed.value! } : {}) };
}

describe('serve: export downloads', () => {
  it('streams what export.rows writes, as an attachment named by the ticket', async () => {
    const t = (await ticket({ filter: { types: ['Insert', 'Update'] }, sort: { key: 'time', direction: 'desc' } })).value!;
    expect(t.url).toMatch(/^\/download\/[\w-]{43}$/);
    const r = await request(`${base}${t.url}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-disposition']).toBe(`attachment; filename="${t.file_name}"; filename*=UTF-8''${t.file_name}`);
    expect(r.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(r.headers['cache-control']).toBe('no-store');
    // Streamed (chunked), not measured up front in memory.
    expect(r.headers['content-length']).toBeUndefined();
    const file = path.join(tempDir(), 'written.jsonl');
    must(await h.api.export.rows({ session_id: sessionId, filter: { types: ['Insert', 'Update'] }, sort: { key: 'time', direction: 'desc' }, format: 'jsonl', path: file }));
    expect(r.body).toBe(fs.readFileSync(file, 'utf8'));
    expect(r.body.split('\n').filter(Boolean).length).toBeGreaterThan(100);
  });

  it('needs the bearer token to get a ticket, and the URL does nothing without a valid ticket', async () => {
    expect((await ticket({}, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await ticket({}, { 'content-type': 'application/json', authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await request(`${base}/download/`)).status).toBe(404);
    expect((await request(`${base}/download/${'A'.repeat(43)}`)).status).toBe(404);
    // The API token itself is no ticket, in the path or as a header.
    expect((await request(`${base}/download/${server.token}`)).status).toBe(404);
    expect((await request(`${base}/download/x`, { headers: { authorization: `Bearer ${server.token}` } })).status).toBe(404);
  });

  it('a ticket works once, only from our own origin, and only with GET', async () => {
    const t = (await ticket({ format: 'csv' })).value!;
    expect((await request(`${base}${t.url}`, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await request(`${base}${t.url}`, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await request(`${base}${t.url}`, { method: 'POST' })).status).toBe(405);
    expect((await request(`${base}${t.url}`, { headers: { host: 'evil.example' } })).status).toBe(421);
    const first = await request(`${base}${t.url}`, { headers: { 'sec-fetch-site': 'same-origin' } });
    expect(first.status).toBe(200);
    expect(first.body.startsWith('row,kind,segment,')).toBe(true);
    const again = await request(`${base}${t.url}`);
    expect(again.status).toBe(404);
    expect(JSON.parse(again.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a ticket of a closed session is void; export.download is NOT_AVAILABLE where downloads are off', async () => {
    const other = harness({ mode: 'test' });
    const log = writeFile(path.join(tempDir(), 'c', '.wal', 'transactions.wal'), binaryBytes(generated(5)));
    const info = await other.open(path.dirname(path.dirname(log)));
    const off = await other.api.export.download({ session_id: info.session_id, format: 'jsonl' });
    expect(off.ok ? null : off.error.code).toBe('NOT_AVAILABLE');
    await other.service.close();
    const second = await h.open(path.dirname(path.dirname(log)));
    const t = must(await h.api.export.download({ session_id: second.session_id, format: 'jsonl' }));
    must(await h.api.session.close({ session_id: second.session_id }));
    expect((await request(`${base}${t.url}`)).status).toBe(404);
  });

  it('a client that hangs up mid-download leaves the server answering', async () => {
    const t = (await ticket()).value!;
    const got = await new Promise<number>((resolve, reject) => {
      const req = http.get(`${base}${t.url}`, (res) => {
        res.pause();
        // Read one chunk, then hang up: the server must not fail or keep writing.
        res.once('readable', () => {
          const chunk = res.read() as Buffer | null;
          req.destroy();
          resolve(chunk?.length ?? 0);
        });
      });
      req.on('error', (e) => (e.message.includes('socket hang up') || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
    });
    expect(got).toBeGreaterThan(0);
    // The server is still fine.
    expect((await request(`${base}/api/app.info`, { method: 'POST', headers: bearer(), body: '{}' })).status).toBe(200);
  });
});
