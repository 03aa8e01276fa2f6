import * as http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Strings or buffers; several chunks are sent chunked (no Content-Length). */
  body?: string | Buffer | readonly Buffer[];
}

function send(req: http.ClientRequest, body: RequestOptions['body']): void {
  if (Array.isArray(body)) for (const chunk of body) req.write(chunk);
  else if (body !== undefined) req.write(body);
  req.end();
}

function collect(resolve: (r: RawResponse) => void): (res: http.IncomingMessage) => void {
  return (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
  };
}

/** One HTTP request with full control of the headers (fetch would add its own Origin rules). */
export function request(url: string, options: RequestOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, collect(resolve));
    req.on('error', reject);
    send(req, options.body);
  });
}

/** A request whose target is sent byte for byte (a URL string would be normalised first: `..`, `%2e`). */
export function rawRequest(port: number, target: string, options: RequestOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, method: options.method ?? 'GET', headers: options.headers ?? {} }, collect(resolve));
    req.on('error', reject);
    send(req, options.body);
  });
}
