import * as fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';
import { httpError, sendHttpError } from './serve-http-error.js';
import { resolveStaticTarget } from './static-path.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
};

/** The page's Content-Security-Policy: nothing but our own origin. */
export const PAGE_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "font-src 'self'",
  "connect-src 'self'", "worker-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': PAGE_CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin', 'cross-origin-resource-policy': 'same-origin', 'x-frame-options': 'DENY',
};

const PLACEHOLDER = `<!doctype html><meta charset="utf-8"><title>WAL Inspector</title>
<h1>WAL Inspector</h1><p>The server runs, but the renderer is not built yet.</p>
<p>Build it with <code>npm run build:renderer</code> (vite build --config renderer/vite.config.ts), then reload this page.</p>
<p>The API answers at <code>POST /api/&lt;operation&gt;</code>; events at <code>GET /api/events</code>; both want <code>Authorization: Bearer &lt;token&gt;</code>.</p>`;

/** Serves files of the renderer build; unknown paths get index.html (one-page app); a placeholder before a build. */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS });
    res.end(PLACEHOLDER);
    return;
  }
  const target = resolveStaticTarget(root, urlPath);
  if (target.kind === 'refused') {
    sendHttpError(res, target.error);
    return;
  }
  const file = target.kind === 'file' ? target.file : index;
  let body: Buffer;
  try {
    body = fs.readFileSync(file);
  } catch (cause) {
    sendHttpError(res, httpError(404, 'NOT_FOUND', 'the file could not be read', { cause }));
    return;
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  // The page must never come from a cache: a new build renames its assets.
  const cache = path.extname(file) === '.html' ? 'no-store' : 'public, max-age=3600';
  res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': cache, ...SECURITY_HEADERS });
  res.end(res.req?.method === 'HEAD' ? undefined : body);
}
