import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
}

export interface HeaderRecorder {
  readonly origin: string;
  readonly requests: readonly RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A plain web server on another 127.0.0.1 port, standing for any other local service the
 * user runs: it records every request's headers and answers with a page that fetches itself
 * (so the browser gets a chance to send cookies both on navigation and on a fetch).
 */
export async function startHeaderRecorder(): Promise<HeaderRecorder> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers } });
    if (req.url === '/probe') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('probe');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>other</title><p id="other">another local server</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Every header of every recorded request that mentions `secret`, as "url: name". */
export function headersCarrying(requests: readonly RecordedRequest[], secret: string): string[] {
  const found: string[] = [];
  for (const r of requests) {
    for (const [name, value] of Object.entries(r.headers)) {
      const text = Array.isArray(value) ? value.join('\n') : String(value ?? '');
      if (text.includes(secret)) found.push(`${r.url}: ${name}`);
    }
    if (r.url.includes(secret)) found.push(`${r.url}: request line`);
  }
  return found;
}
