import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/** electron/app-protocol.ts with Electron's protocol mocked: the handler it registers, called with requests. */
const m = vi.hoisted(() => {
  const handlers = new Map<string, (request: Request) => Promise<Response>>();
  return {
    handlers,
    electron: { protocol: { registerSchemesAsPrivileged: () => {}, handle: (scheme: string, fn: (r: Request) => Promise<Response>) => { handlers.set(scheme, fn); } } },
  };
});
vi.mock('electron', () => m.electron);

const { rendererFile, serveRenderer, RENDERER_CSP } = await import('../../electron/app-protocol.js');

/** Request paths that try to leave the renderer build, as the URL parser hands them over. */
const ESCAPES = [
  '/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E/%2E%2E/secret.txt', '/..%2fsecret.txt', '/..%2F..%2Fsecret.txt',
  '/a/../../secret.txt', '/..%5csecret.txt', '/..%5C..%5Csecret.txt', '/....//secret.txt', '//../secret.txt', '/%2e%2e%5csecret.txt',
];

describe('rendererFile: a request path stays inside the renderer build', () => {
  const root = path.resolve('/srv/app/renderer');

  it('maps paths under the root to files under it', () => {
    expect(rendererFile(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(rendererFile(root, '/assets/a%20b.js')).toBe(path.join(root, 'assets', 'a b.js'));
    expect(rendererFile(root, '/')).toBe(root);
  });

  it('never resolves outside the root (POSIX)', () => {
    for (const p of ESCAPES) {
      const file = rendererFile(root, p);
      if (file !== null) expect(file.startsWith(root + path.sep) || file === root, `${p} → ${file}`).toBe(true);
    }
  });

  it('on Windows a decoded backslash is a separator: ..%5C that would climb out is refused', () => {
    const win = 'C:\\app\\renderer';
    expect(rendererFile(win, '/index.html', path.win32)).toBe('C:\\app\\renderer\\index.html');
    // renderer-old shares the root's name as a prefix: beside it, not in it.
    for (const p of ['/..%5Csecret.txt', '/..%5C..%5CWindows%5Cwin.ini', '/a%5C..%5C..%5Csecret.txt', '/%2e%2e%5csecret.txt', '/..%5Crenderer-old%5Cindex.html']) {
      expect(rendererFile(win, p, path.win32), p).toBeNull();
    }
    // Not climbing out: still served.
    expect(rendererFile(win, '/a%5C..%5Cindex.html', path.win32)).toBe('C:\\app\\renderer\\index.html');
  });

  it('a malformed escape is refused rather than guessed', () => {
    expect(rendererFile(root, '/%E0%A4%A')).toBeNull();
    expect(rendererFile(root, '/%')).toBeNull();
  });
});

describe('the app:// handler serves only the renderer build', () => {
  let dir: string;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-protocol-'));
    fs.mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html>INDEX');
    fs.writeFileSync(path.join(dir, 'renderer', 'assets', 'app.js'), 'APP');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'SECRET');
    serveRenderer(path.join(dir, 'renderer'));
    handle = m.handlers.get('app')!;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serves the build with its CSP', async () => {
    const r = await handle(new Request('app://renderer/assets/app.js'));
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('APP');
    expect(r.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(r.headers.get('content-security-policy')).toBe(RENDERER_CSP);
  });

  it('a request for a file beside the build never gets it', async () => {
    for (const p of ESCAPES) {
      const r = await handle(new Request(`app://renderer${p}`));
      expect(await r.text(), p).not.toContain('SECRET');
    }
  });

  it('another host of the scheme is not served', async () => {
    for (const url of ['app://evil/index.html', 'app://renderer.evil/index.html', 'app://other/../renderer/index.html']) {
      const r = await handle(new Request(url));
      expect(r.status, url).toBe(404);
      expect(await r.text(), url).not.toContain('INDEX');
    }
  });
});
