import type { IncomingMessage, ServerResponse } from 'node:http';
import { isOperationName, type InspectorEvent } from '../../core/contract/contract.js';
import type { InspectorService } from '../../core/inspector/service.js';

const MAX_BODY = 1 << 20;

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-store' });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** POST /api/<operation>: JSON arguments in, the Outcome out (always 200 when it ran). */
export async function handleApiCall(service: InspectorService, op: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST' }).end();
    return;
  }
  if (!isOperationName(op)) {
    sendJson(res, 404, { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `unknown operation "${op}"`, context: {} } });
    return;
  }
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) {
    // A cross-site form can only send text/plain, urlencoded or multipart: refusing those is one more CSRF wall.
    sendJson(res, 415, { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'send the arguments as application/json', context: {} } });
    return;
  }
  const text = await readBody(req);
  if (text === null) {
    sendJson(res, 413, { ok: false, error: { code: 'INVALID_ARGUMENT', message: `arguments larger than ${MAX_BODY} bytes`, context: {} } });
    return;
  }
  let args: unknown;
  try {
    args = text.length === 0 ? {} : JSON.parse(text);
  } catch {
    sendJson(res, 400, { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'the request body is not JSON', context: {} } });
    return;
  }
  sendJson(res, 200, await service.call(op, args as never));
}

/** GET /api/events: every InspectorEvent as a server-sent event, with a comment every 15 s to keep it open. */
export function handleEvents(service: InspectorService, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no',
  });
  res.write(': connected\n\n');
  const off = service.onEvent((event: InspectorEvent) => {
    res.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
  const stop = () => {
    clearInterval(ping);
    off();
  };
  req.on('close', stop);
  res.on('error', stop);
}
