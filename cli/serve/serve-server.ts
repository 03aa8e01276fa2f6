import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { HTTP_EVENTS_PATH } from '../../core/contract/contract.js';
import type { InspectorService } from '../../core/inspector/service.js';
import { handleApiCall, handleEvents } from './serve-api.js';
import { ServeAuth, newToken, unauthorised } from './serve-auth.js';
import { serveStatic } from './serve-static.js';

export interface ServeOptions {
  readonly service: InspectorService;
  /** The renderer build (dist/renderer). */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly token?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly server: http.Server;
  close(): Promise<void>;
}

/**
 * The browser mode's HTTP bridge, on 127.0.0.1 only: the renderer build, the contract as
 * POST /api/<operation>, events as server-sent events. Every request needs the token (cookie
 * or bearer) — the page included; API requests from another origin are refused.
 */
export async function startServeServer(o: ServeOptions): Promise<RunningServer> {
  const token = o.token ?? newToken();
  let port = 0;
  const auth = new ServeAuth(token, () => port);
  const root = path.resolve(o.rendererDir);
  const server = http.createServer((req, res) => {
    void (async () => {
      if (!auth.hostAllowed(req)) {
        res.writeHead(421, { 'content-type': 'text/plain' }).end('unknown host\n');
        return;
      }
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.searchParams.has('token') && auth.exchange(req, res, url)) return;
      if (!auth.isAuthorised(req)) {
        unauthorised(res);
        return;
      }
      if (url.pathname === HTTP_EVENTS_PATH || url.pathname.startsWith('/api/')) {
        if (!auth.originAllowed(req)) {
          res.writeHead(403, { 'content-type': 'text/plain' }).end('cross-origin API requests are refused\n');
          return;
        }
        if (url.pathname === HTTP_EVENTS_PATH) handleEvents(o.service, req, res);
        else await handleApiCall(o.service, url.pathname.slice('/api/'.length), req, res);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      serveStatic(root, url.pathname, res);
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`, port, token, server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
