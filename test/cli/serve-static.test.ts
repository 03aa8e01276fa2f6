import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInspectorService, type InspectorService } from '../../core/inspector/service.js';
import { startServeServer, type RunningServer } from '../../cli/serve/serve-server.js';
import { resolveStaticTarget } from '../../cli/serve/static-path.js';
import { tempDir } from '../core/inspector/support/inspector-fixtures.js';
import { rawRequest } from './serve-support.js';

// No request may read outside the renderer build: not by "..", encoded or not, and not
// through a symbolic link inside the build that points out of it.
const SECRET = 'the user’s own file, outside the build';
let base = '';
let root = '';
let outside = '';
let service: InspectorService;
let server: RunningServer;

beforeAll(async () => {
  base = tempDir();
  root = path.join(base, 'renderer');
  outside = path.join(base, 'outside');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log("app")');
  fs.writeFileSync(path.join(outside, 'secret.txt'), SECRET);
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'assets', 'leak.txt'));
  fs.symlinkSync(outside, path.join(root, 'linked'));
  // A link that stays inside the build is fine.
  fs.symlinkSync(path.join(root, 'assets', 'app.js'), path.join(root, 'alias.js'));
  service = createInspectorService({ mode: 'browser' });
  server = await startServeServer({ service, rendererDir: root });
});
afterAll(async () => {
  await server.close();
  await service.close();
});

describe('serve: files of the renderer build only', () => {
  it('serves the build’s files, and index.html for paths that are not files', async () => {
    expect((await rawRequest(server.port, '/assets/app.js')).body).toBe('console.log("app")');
    expect((await rawRequest(server.port, '/alias.js')).body).toBe('console.log("app")');
    expect((await rawRequest(server.port, '/some/route')).body).toContain('<title>app</title>');
  });

  it('never follows a symbolic link out of the build (404, not the file)', async () => {
    for (const target of ['/assets/leak.txt', '/linked/secret.txt', '/linked/']) {
      const r = await rawRequest(server.port, target);
      expect(r.body, target).not.toContain(SECRET);
      expect(r.status, target).toBe(404);
      expect(JSON.parse(r.body), target).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(r.body, target).not.toContain(base);
    }
  });

  it('refuses ".." in any spelling with 400', async () => {
    const climbs = [
      '/..%2f..%2fetc/passwd', '/..%2F..%2F..%2Foutside%2Fsecret.txt', '/assets/..%2f..%2foutside/secret.txt',
      '/..%5c..%5coutside%5csecret.txt', '/assets/%2e%2e%2f%2e%2e%2foutside%2fsecret.txt',
    ];
    for (const target of climbs) {
      const r = await rawRequest(server.port, target);
      expect(r.status, target).toBe(400);
      expect(r.body, target).not.toContain(SECRET);
      expect(JSON.parse(r.body), target).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    // Plain dots are resolved by the URL parser before any file is looked up.
    const plain = await rawRequest(server.port, '/../../outside/secret.txt');
    expect(plain.body).not.toContain(SECRET);
  });

  it('maps paths to files under the build’s real path (resolveStaticTarget)', () => {
    const real = fs.realpathSync(root);
    expect(resolveStaticTarget(root, '/assets/app.js')).toEqual({ kind: 'file', file: path.join(real, 'assets', 'app.js') });
    expect(resolveStaticTarget(root, '/./assets//app.js')).toEqual({ kind: 'file', file: path.join(real, 'assets', 'app.js') });
    expect(resolveStaticTarget(root, '/assets/')).toEqual({ kind: 'index' });
    expect(resolveStaticTarget(root, '/index.html/x')).toEqual({ kind: 'index' });
    expect(resolveStaticTarget(root, '/assets/leak.txt')).toMatchObject({ kind: 'refused', error: { code: 'NOT_FOUND' } });
    expect(resolveStaticTarget(root, '/a/..%2f..%2fb')).toMatchObject({ kind: 'refused', error: { code: 'BAD_REQUEST' } });
  });
});
