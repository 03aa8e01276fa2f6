import { describe, expect, it } from 'vitest';
import type { InspectorEvent } from '../../core/contract/contract.js';
import { openEventStream } from '../../renderer/src/bridge/event-stream.js';
import { TOKEN_STORAGE_KEY, takePageToken, type TokenPage } from '../../renderer/src/bridge/page-token.js';

// The browser side of serve's token (renderer/src/bridge): page-token and the streamed events.

function fakePage(href: string, stored: Record<string, string> = {}): TokenPage & { url: () => string; stored: Record<string, string> } {
  let url = new URL(href);
  return {
    stored,
    url: () => url.href,
    get location() {
      return { hash: url.hash, pathname: url.pathname, search: url.search };
    },
    history: { state: null, replaceState: (_d: unknown, _u: string, next: string) => { url = new URL(next, url); } },
    sessionStorage: { getItem: (k: string) => stored[k] ?? null, setItem: (k: string, v: string) => { stored[k] = v; } },
  };
}

describe('takePageToken', () => {
  it('moves the token from the fragment to sessionStorage and out of the address bar', () => {
    const page = fakePage('http://127.0.0.1:4000/?x=1#token=abc-DEF_1');
    expect(takePageToken(page)).toBe('abc-DEF_1');
    expect(page.url()).toBe('http://127.0.0.1:4000/?x=1');
    expect(page.stored).toEqual({ [TOKEN_STORAGE_KEY]: 'abc-DEF_1' });
  });

  it('keeps other fragment parameters, and finds the token again after a reload', () => {
    const page = fakePage('http://127.0.0.1:4000/#token=t1&view=table');
    expect(takePageToken(page)).toBe('t1');
    expect(page.url()).toBe('http://127.0.0.1:4000/#view=table');
    const reloaded = fakePage(page.url(), page.stored);
    expect(takePageToken(reloaded)).toBe('t1');
  });
});

function streamOf(...texts: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const t of texts) c.enqueue(new TextEncoder().encode(t));
      c.close();
    },
  });
}

describe('openEventStream', () => {
  const event: InspectorEvent = { type: 'session.closed', session_id: 's1' };

  it('sends the Authorization header, parses events split across chunks, and reconnects when the stream ends', async () => {
    const seen: { headers: Record<string, string>; credentials?: string }[] = [];
    const answers = [
      () => new Response(streamOf(': connected\n\n', 'data: {"type":"session.clo', 'sed","session_id":"s1"}\n\n'), { status: 200 }),
      () => { throw new TypeError('connection refused'); },
      () => new Response(streamOf(`data: ${JSON.stringify({ ...event, session_id: 's2' })}\r\n\r\n`), { status: 200 }),
    ];
    const fetchFake = ((_url: string, init: RequestInit) => {
      seen.push({ headers: init.headers as Record<string, string>, credentials: init.credentials });
      const next = answers.shift() ?? (() => new Promise<Response>(() => {}));
      return Promise.resolve().then(next);
    }) as unknown as typeof fetch;
    const got: InspectorEvent[] = [];
    const close = openEventStream({ url: '/api/events', headers: { authorization: 'Bearer t' }, fetch: fetchFake, onEvent: (e) => got.push(e), retryMs: 5 });
    for (let i = 0; i < 100 && got.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    close();
    expect(got).toEqual([event, { ...event, session_id: 's2' }]);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.every((s) => s.headers['authorization'] === 'Bearer t' && s.credentials === 'omit')).toBe(true);
  });

  it('stops at 401: the page holds no token that would work', async () => {
    let calls = 0;
    const fetchFake = (() => {
      calls++;
      return Promise.resolve(new Response('no', { status: 401 }));
    }) as unknown as typeof fetch;
    const close = openEventStream({ url: '/api/events', headers: {}, fetch: fetchFake, onEvent: () => {}, retryMs: 1 });
    await new Promise((r) => setTimeout(r, 50));
    close();
    expect(calls).toBe(1);
  });
});
