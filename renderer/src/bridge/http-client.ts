import {
  HTTP_EVENTS_PATH, buildApi, httpPath, type InspectorApi, type InspectorCall, type InspectorError, type InspectorEvent,
  type Outcome,
} from '../../../core/contract/contract.js';

export interface HttpApiOptions {
  /** Server origin, e.g. http://127.0.0.1:4173 (default: the page's own origin). */
  readonly baseUrl?: string;
  /** Injected for tests; defaults to the global fetch / EventSource. */
  readonly fetch?: typeof fetch;
  readonly EventSource?: typeof EventSource;
}

function disconnected(message: string, cause?: unknown): Outcome<never> {
  const error: InspectorError = { code: 'DISCONNECTED', message, context: cause === undefined ? {} : { cause: String(cause) } };
  return { ok: false, error };
}

/**
 * The contract over HTTP (`wal-inspector serve`): each operation is POST /api/<operation>
 * with the JSON arguments; the answer's body is the Outcome. Events arrive as server-sent
 * events on /api/events. The session cookie (from the token URL) authenticates both.
 */
export function createHttpApi(options: HttpApiOptions = {}): InspectorApi {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const call: InspectorCall = async (op, args) => {
    let res: Response;
    try {
      res = await doFetch(base + httpPath(op), {
        method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args ?? {}),
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
  let source: EventSource | null = null;
  const ES = options.EventSource ?? globalThis.EventSource;
  const connect = () => {
    if (source || !ES) return;
    source = new ES(base + HTTP_EVENTS_PATH, { withCredentials: true });
    source.onmessage = (m: MessageEvent<string>) => {
      let event: InspectorEvent;
      try {
        event = JSON.parse(m.data) as InspectorEvent;
      } catch {
        return;
      }
      for (const l of [...listeners]) l(event);
    };
  };
  const onEvent: InspectorApi['onEvent'] = (listener) => {
    listeners.add(listener);
    connect();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && source) {
        source.close();
        source = null;
      }
    };
  };
  return buildApi(call, onEvent);
}
