import type { InspectorEvent } from '../../../core/contract/contract.js';

export interface EventStreamOptions {
  readonly url: string;
  /** The Authorization header: the reason this is a fetch and not an EventSource, which cannot send one. */
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch: typeof fetch;
  readonly onEvent: (event: InspectorEvent) => void;
  /** First wait before reconnecting; doubles up to 10 s while the server stays away. */
  readonly retryMs?: number;
}

const MAX_RETRY_MS = 10_000;

/** Splits server-sent-event framing ("data: …" lines, blocks ending in a blank line) into events. */
async function readFrames(body: ReadableStream<Uint8Array>, onEvent: (event: InspectorEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
      if (!data) continue;
      let event: InspectorEvent;
      try {
        event = JSON.parse(data) as InspectorEvent;
      } catch {
        continue;
      }
      onEvent(event);
    }
  }
}

/**
 * Follows GET /api/events as a streamed fetch, reconnecting as EventSource would, until the
 * returned function is called. A 401 or 403 ends it: the page's token will not change.
 */
export function openEventStream(o: EventStreamOptions): () => void {
  const base = o.retryMs ?? 1000;
  let stopped = false;
  let controller: AbortController | null = null;
  let wake: (() => void) | null = null;
  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  void (async () => {
    let delay = base;
    while (!stopped) {
      controller = new AbortController();
      try {
        const res = await o.fetch(o.url, {
          method: 'GET', headers: { accept: 'text/event-stream', ...o.headers }, cache: 'no-store', credentials: 'omit', signal: controller.signal,
        });
        if (res.status === 401 || res.status === 403) return;
        if (res.ok && res.body) {
          delay = base;
          await readFrames(res.body, o.onEvent);
        }
      } catch {
        // Refused, reset or aborted: the loop decides whether to try again.
      }
      if (stopped) return;
      await pause(delay);
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  })();
  return () => {
    stopped = true;
    controller?.abort();
    wake?.();
  };
}
