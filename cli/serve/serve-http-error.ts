import type { ServerResponse } from 'node:http';
import { CodedError } from '../../core/inspector/use-cases/cli-support.js';

/** Why the bridge refused a request before (or instead of) calling the service. */
export type ServeHttpErrorCode =
  | 'UNKNOWN_HOST'
  | 'BAD_REQUEST'
  | 'URL_TOO_LONG'
  | 'UNAUTHORISED'
  | 'CROSS_ORIGIN'
  | 'METHOD_NOT_ALLOWED'
  | 'NOT_FOUND'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'INTERNAL';

/** Only values that are safe to show a browser: never a file system path, never a cause. */
export interface ServeHttpErrorContext {
  readonly status: number;
  readonly limit?: number;
  readonly allow?: string;
  readonly cause?: unknown;
}

export class ServeHttpError extends CodedError<ServeHttpErrorCode, ServeHttpErrorContext> {}

export function httpError(status: number, code: ServeHttpErrorCode, message: string, extra: Omit<ServeHttpErrorContext, 'status'> = {}): ServeHttpError {
  return new ServeHttpError(code, message, { status, ...extra });
}

/**
 * Writes the refusal as the contract's error envelope, so the HTTP client reads it like any
 * failed Outcome. The cause stays on the server: it may name the install path.
 */
export function sendHttpError(res: ServerResponse, err: ServeHttpError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { status, limit, allow } = err.context;
  const context = { ...(limit === undefined ? {} : { limit }) };
  const body = Buffer.from(JSON.stringify({ ok: false, error: { code: err.code, message: err.message, context } }), 'utf8');
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  if (allow) headers['allow'] = allow;
  if (err.code === 'UNAUTHORISED') headers['www-authenticate'] = 'Bearer realm="wal-inspector"';
  res.writeHead(status, headers);
  res.end(res.req?.method === 'HEAD' ? undefined : body);
}
