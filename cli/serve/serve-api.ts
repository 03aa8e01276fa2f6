import type { IncomingMessage, ServerResponse } from 'node:http';
import { isOperationName, type InspectorEvent } from '../../core/contract/contract.js';
import type { InspectorService } from '../../core/inspector/service.js';

const MAX_BODY = 1 << 20;
/** Past this the sender is not a client that got the size wrong: stop reading and close. */
const DRAIN_LIMIT = 64 << 20;

function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-store', ...extra });
  res.end(body);
}

type Body = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'too-large'; readonly close: boolean } | { readonly kind: 'aborted' };

/**
 * Reads the arguments. Past MAX_BODY the rest is read and dropped instead of destroying the
 * socket: a client still sending when the connection dies sees a reset, never the 413.
 */
function readBody(req: IncomingMessage): Promise<Body> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > DRAIN_LIMIT) {
      resolve({ kind: 'too-large', close: true });
      return;
    }
    let chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > DRAIN_LIMIT) {
        req.pause();
        resolve({ kind: 'too-large', close: true });
      } else if (size > MAX_BODY) {
        chunks = [];
      } else {
        chunks.push(c);
      }
    });
    req.on('end', () => resolve(size > MAX_BODY ? { kind: 'too-large', close: false } : { kind: 'text', text: Buffer.concat(chunks).toString('utf8') }));
    // A client that goes away mid-body gets no answer; the first resolve wins.
    req.on('close', () => resolve({ kind: 'aborted' }));
    req.on('error', () => resolve({ kind: 'aborted' }));
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
  const body = await readBody(req);
  if (body.kind === 'aborted') return;
  if (body.kind === 'too-large') {
    const error = { code: 'INVALID_ARGUMENT', message: `arguments larger than ${MAX_BODY} bytes`, context: { limit: MAX_BODY } };
    sendJson(res, 413, { ok: false, error }, body.close ? { connection: 'close' } : {});
    return;
  }
  let args: unknown;
  try {
    args = body.text.length === 0 ? {} : JSON.parse(body.text);
  } catch {
    sendJson(res, 400, { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'the request body is not JSON', context: {} } });
    return;
  }
  sendJson(res, 200, await service.call(op, args as never));
}

/**
 * GET /api/events: every InspectorEvent in server-sent-event framing, with a comment every 15 s
 * to keep it open. The page reads it with a streamed fetch, since EventSource cannot send the
 * Authorization header.
 */
export function handleEvents(service: InspectorService, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET') {
    res.writeHead(405, { allow: 'GET' }).end();
    return;
  }
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
