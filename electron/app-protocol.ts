import { protocol } from 'electron';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/** The renderer is served as app://renderer/… — a custom protocol, never file://. */
export const SCHEME = 'app';
export const RENDERER_HOST = 'renderer';
export const RENDERER_URL = `${SCHEME}://${RENDERER_HOST}/index.html`;

/** Same policy as the page's meta tag: our origin only; no inline script, no remote content. */
export const RENDERER_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "font-src 'self'",
  "connect-src 'self'", "worker-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'",
].join('; ');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Must run before the app is ready. */
export function registerSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Resolves a request path inside the renderer build; null when it would leave it. The URL's
 * `..` are gone after normalizing, but on Windows a decoded %5C is a separator the normalizing
 * never saw: the root check is what stops `..%5C..%5C`. `paths` is the platform's own; tests
 * pass path.win32 to check that case anywhere.
 */
export function rendererFile(rendererDir: string, urlPath: string, paths: path.PlatformPath = path): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const root = paths.resolve(rendererDir);
  const file = paths.resolve(root, '.' + path.posix.normalize('/' + rel));
  return file === root || file.startsWith(root + paths.sep) ? file : null;
}

/** Serves the renderer build under app://renderer/, with the CSP on every response. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === RENDERER_HOST ? rendererFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('not found', { status: 404 });
    const st = await fs.stat(file).catch(() => null);
    const target = st?.isFile() ? file : path.join(rendererDir, 'index.html');
    const body = await fs.readFile(target).catch(() => null);
    if (!body) return new Response('the renderer is not built: run npm run build:renderer', { status: 404 });
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream', 'content-security-policy': RENDERER_CSP,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
