import { describe, expect, it, vi } from 'vitest';

/** electron/main-window.ts with Electron mocked: what it does to every web contents created. */
const m = vi.hoisted(() => {
  const appHandlers = new Map<string, (...args: unknown[]) => void>();
  const session = {
    request: null as null | ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void),
    check: null as null | ((...args: unknown[]) => boolean),
  };
  return {
    appHandlers, session,
    electron: {
      app: { on: (name: string, fn: (...args: unknown[]) => void) => { appHandlers.set(name, fn); } },
      BrowserWindow: class {},
      session: {
        defaultSession: {
          setPermissionRequestHandler: (fn: typeof session.request) => { session.request = fn; },
          setPermissionCheckHandler: (fn: typeof session.check) => { session.check = fn; },
        },
      },
      protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
    },
  };
});

vi.mock('electron', () => m.electron);

/** A web contents as lockDownContents sees it: its listeners and its window-open handler. */
function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, ...args: unknown[]) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  return {
    contents: {
      on: (name: string, fn: (event: { preventDefault(): void }, ...args: unknown[]) => void) => { listeners.set(name, fn); },
      setWindowOpenHandler: (fn: typeof openHandler) => { openHandler = fn; },
    },
    /** Fires `name` with `args`; true when the listener prevented it. */
    fire(name: string, ...args: unknown[]): boolean {
      const fn = listeners.get(name);
      if (!fn) throw new Error(`no ${name} listener`);
      let prevented = false;
      fn({ preventDefault: () => { prevented = true; } }, ...args);
      return prevented;
    },
    open: (url: string) => openHandler!({ url }),
  };
}

async function lockedDown() {
  const { lockDownContents } = await import('../../electron/main-window.js');
  lockDownContents();
  const created = m.appHandlers.get('web-contents-created');
  expect(created).toBeTypeOf('function');
  const c = fakeContents();
  created!({}, c.contents);
  return c;
}

const AWAY = [
  'https://evil.example/', 'http://127.0.0.1:8080/?token=x', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>1</script>',
  'app://renderer.evil.example/index.html', 'app://rendererx/index.html', 'app://other/index.html', 'app://renderer', 'about:blank',
];
const OURS = ['app://renderer/index.html', 'app://renderer/index.html#/verify', 'app://renderer/assets/x.js'];

describe('every web contents is locked down (electron/main-window.ts)', () => {
  it('navigation away from our renderer is prevented; within it is not', async () => {
    const c = await lockedDown();
    for (const url of AWAY) expect(c.fire('will-navigate', url), url).toBe(true);
    for (const url of OURS) expect(c.fire('will-navigate', url), url).toBe(false);
  });

  it('redirects away from our renderer are prevented too', async () => {
    const c = await lockedDown();
    for (const url of AWAY) expect(c.fire('will-redirect', url), url).toBe(true);
    for (const url of OURS) expect(c.fire('will-redirect', url), url).toBe(false);
  });

  it('no new window for any URL, ours included, and no webview', async () => {
    const c = await lockedDown();
    for (const url of [...AWAY, ...OURS]) expect(c.open(url), url).toEqual({ action: 'deny' });
    expect(c.fire('will-attach-webview', {}, {})).toBe(true);
  });

  it('every permission is refused', async () => {
    await lockedDown();
    const answers: boolean[] = [];
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) m.session.request!({}, p, (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false, false]);
    expect(m.session.check!({}, 'media')).toBe(false);
  });
});
