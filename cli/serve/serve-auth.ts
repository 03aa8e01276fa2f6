import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const COOKIE_NAME = 'wal_inspector_session';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Who may talk to the server: whoever holds the token printed on the terminal. The page's
 * first load exchanges `?token=` for a strict same-site, HttpOnly cookie; scripts may send
 * `Authorization: Bearer <token>` instead.
 */
export class ServeAuth {
  constructor(readonly token: string, readonly port: () => number) {}

  /** The token from the cookie or the Authorization header is valid. */
  isAuthorised(req: IncomingMessage): boolean {
    const c = cookie(req, COOKIE_NAME);
    if (c !== undefined && same(c, this.token)) return true;
    const auth = req.headers.authorization;
    return auth !== undefined && auth.startsWith('Bearer ') && same(auth.slice(7).trim(), this.token);
  }

  /** `?token=` in the URL is valid: set the cookie and redirect to the same path without it. */
  exchange(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    const t = url.searchParams.get('token');
    if (t === null || !same(t, this.token)) return false;
    url.searchParams.delete('token');
    res.writeHead(303, {
      'set-cookie': `${COOKIE_NAME}=${this.token}; HttpOnly; SameSite=Strict; Path=/`,
      location: url.pathname + (url.search || ''),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    res.end();
    return true;
  }

  /** The Host header names this server (a DNS-rebinding page would send its own name). */
  hostAllowed(req: IncomingMessage): boolean {
    const host = req.headers.host;
    const port = this.port();
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  }

  /**
   * API requests must come from our own page: an Origin header, when present, must be ours,
   * and a browser's Sec-Fetch-Site must not say cross-site.
   */
  originAllowed(req: IncomingMessage): boolean {
    const port = this.port();
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return false;
    const site = req.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin' || site === 'none';
  }
}

export function unauthorised(res: ServerResponse): void {
  res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end('401 — not authorised.\nOpen the URL that `wal-inspector serve` printed (it carries the access token).\n');
}
