import {
  HTTP_EVENTS_PATH, buildApi, httpPath, type InspectorApi, type InspectorCall, type InspectorError, type InspectorEvent,
  type Outcome,
} from '../../../core/contract/contract.js';
import { openEventStream } from './event-stream.js';
import { takePageToken } from './page-token.js';

export interface HttpApiOptions {
  /** Server origin, e.g. http://127.0.0.1:4173 (default: the page's own origin). */
  readonly baseUrl?: string;
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** serve's access token; by default the one the page took from its URL or its sessionStorage. */
  readonly token?: string | null;
  /** First wait before the event stream reconnects (tests shorten it). */
  readonly retryMs?: number;
}

function disconnected(message: string, cause?: unknown): Outcome<never> {
  const error: InspectorError = { code: 'DISCONNECTED', message, context: cause === undefined ? {} : { cause: String(cause) } };
  return { ok: false, error };
}

function defaultToken(): string | null {
  return typeof location === 'undefined' || typeof history === 'undefined' ? null : takePageToken();
}

/**
 * The contract over HTTP (`wal-inspector serve`): each operation is POST /api/<operation>
 * with the JSON arguments; the answer's body is the Outcome. Events stream from
 * GET /api/events. Every request carries `Authorization: Bearer <token>` and no cookie.
 */
export function createHttpApi(options: HttpApiOptions = {}): InspectorApi {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const token = options.token === undefined ? defaultToken() : options.token;
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const call: InspectorCall = async (op, args) => {
    let res: Response;
    try {
      res = await doFetch(base + httpPath(op), {
        method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(args ?? {}),
      });
    } catch (err) {
      return disconnected('The wal-inspector server does not answer: is `wal-inspector serve` still running?', err);
    }
    if (res.status === 401) {
      return disconnected('Not authorised: open the URL with the token that `wal-inspector serve` printed (the server may have restarted).');
    }
    try {
      return (await res.json()) as Awaited<ReturnType<typeof call>>;
    } catch (err) {
      return disconnected(`The server answered ${res.status} without a result`, err);
    }
  };

  const listeners = new Set<(event: InspectorEvent) => void>();
  let close: (() => void) | null = null;
  const onEvent: InspectorApi['onEvent'] = (listener) => {
    listeners.add(listener);
    close ??= openEventStream({
      url: base + HTTP_EVENTS_PATH, headers: auth, fetch: doFetch, retryMs: options.retryMs,
      onEvent: (event) => {
        for (const l of [...listeners]) l(event);
      },
    });
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && close) {
        close();
        close = null;
      }
    };
  };
  return buildApi(call, onEvent);
}
