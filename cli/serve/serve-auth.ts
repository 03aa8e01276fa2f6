import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

// Comparing digests makes both sides 32 bytes, so neither the comparison nor an early
// length check tells a guesser anything about the token.
function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Who may call the API: whoever holds the token printed on the terminal, sent as
 * `Authorization: Bearer <token>` on every request. There is no cookie: cookies ignore ports,
 * so one set by this server would reach every other server on 127.0.0.1. The page keeps the
 * token in its tab's sessionStorage, which is scoped to scheme + host + port.
 */
export class ServeAuth {
  private readonly expected: Buffer;

  constructor(token: string, readonly port: () => number) {
    this.expected = digest(token);
  }

  /** The Authorization header carries the token (compared in constant time). */
  isAuthorised(req: IncomingMessage): boolean {
    const auth = req.headers.authorization;
    if (auth === undefined || !/^Bearer /i.test(auth)) return false;
    return timingSafeEqual(digest(auth.slice(7).trim()), this.expected);
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
