import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { HTTP_EVENTS_PATH } from '../../core/contract/contract.js';
import type { InspectorService } from '../../core/inspector/service.js';
import { handleApiCall, handleEvents } from './serve-api.js';
import { handleDownload, isDownloadPath } from './serve-download.js';
import { ServeAuth, newToken } from './serve-auth.js';
import { ServeHttpError, httpError, sendHttpError } from './serve-http-error.js';
import { serveStatic } from './serve-static.js';

/** Longer request targets are refused before any parsing (ours stay far below). */
export const MAX_URL_LENGTH = 4096;

export interface ServeOptions {
  readonly service: InspectorService;
  /** The renderer build (dist/renderer). */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly token?: string;
  /** Where a request's unexpected failure is told (the operator's terminal); the browser gets only its code. */
  readonly onError?: (err: unknown) => void;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly server: http.Server;
  close(): Promise<void>;
}

function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/**
 * The browser mode's HTTP bridge, on 127.0.0.1 only: the renderer build, the contract as
 * POST /api/<operation>, events on GET /api/events, exports on GET /download/<ticket>. Every API request must carry the token as
 * `Authorization: Bearer` and come from our own origin. The page and its assets are served
 * without it: they are the public build and hold no data, and the token sits in the URL's
 * fragment, which a browser never sends, so the page has to load before it can read it.
 */
export async function startServeServer(o: ServeOptions): Promise<RunningServer> {
  const token = o.token ?? newToken();
  let port = 0;
  const auth = new ServeAuth(token, () => port);
  const root = path.resolve(o.rendererDir);
  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (!auth.hostAllowed(req)) throw httpError(421, 'UNKNOWN_HOST', 'this server answers only to 127.0.0.1 and localhost');
    const target = req.url ?? '/';
    if (target.length > MAX_URL_LENGTH) throw httpError(414, 'URL_TOO_LONG', `the URL is longer than ${MAX_URL_LENGTH} characters`, { limit: MAX_URL_LENGTH });
    if (!target.startsWith('/')) throw httpError(400, 'BAD_REQUEST', 'the request target must be a path');
    let url: URL;
    try {
      url = new URL(target, `http://127.0.0.1:${port}`);
    } catch {
      throw httpError(400, 'BAD_REQUEST', 'the URL cannot be parsed');
    }
    if (isApiPath(url.pathname)) {
      if (!auth.isAuthorised(req)) {
        throw httpError(401, 'UNAUTHORISED', 'not authorised: open the URL that `wal-inspector serve` printed (it carries the access token)');
      }
      if (!auth.originAllowed(req)) throw httpError(403, 'CROSS_ORIGIN', 'cross-origin API requests are refused');
      if (url.pathname === HTTP_EVENTS_PATH) handleEvents(o.service, req, res);
      else await handleApiCall(o.service, url.pathname.slice('/api/'.length), req, res);
      return;
    }
    if (isDownloadPath(url.pathname)) {
      // The one-time ticket in the path is the credential; the origin checks hold as for the API.
      if (!auth.originAllowed(req)) throw httpError(403, 'CROSS_ORIGIN', 'cross-origin downloads are refused');
      await handleDownload(o.service, url.pathname, req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw httpError(405, 'METHOD_NOT_ALLOWED', 'only GET and HEAD here', { allow: 'GET, HEAD' });
    serveStatic(root, url.pathname, res);
  };
  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (err instanceof ServeHttpError) {
        sendHttpError(res, err);
        return;
      }
      // The message may hold paths of this machine: the terminal hears it, the browser does not.
      o.onError?.(err);
      sendHttpError(res, httpError(500, 'INTERNAL', 'internal error in wal-inspector serve; its terminal says more', { cause: err }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    // A fragment never leaves the browser: not in the request line, a log, or a Referer.
    url: `http://127.0.0.1:${port}/#token=${token}`, port, token, server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
