import * as os from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { OPERATIONS, ipcChannel } from '../../core/contract/contract.js';

/** Imports the real electron/main.ts with Electron mocked: what it registers and how it builds the window. */
const m = vi.hoisted(() => {
  const handled = new Map<string, unknown>();
  const windows: { options: Record<string, unknown>; url: string }[] = [];
  const schemes: unknown[] = [];
  const protocols: string[] = [];
  const appEvents: string[] = [];
  const appHandlers = new Map<string, (...args: unknown[]) => void>();
  const sent: { channel: string; payload: unknown }[] = [];
  const focusCalls: string[] = [];
  let ready: () => void = () => {};
  const readyPromise = new Promise<void>((r) => { ready = r; });
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows() { return BrowserWindow.all; }
    static getFocusedWindow() { return BrowserWindow.all[0] ?? null; }
    webContents = { isDestroyed: () => false, send: (channel: string, payload: unknown) => { sent.push({ channel, payload }); } };
    isMinimized() { return true; }
    restore() { focusCalls.push('restore'); }
    focus() { focusCalls.push('focus'); }
    constructor(options: Record<string, unknown>) {
      windows.push({ options, url: '' });
      BrowserWindow.all.push(this);
    }
    once() {}
    loadURL(url: string) { windows.at(-1)!.url = url; return Promise.resolve(); }
  }
  return {
    handled, windows, schemes, protocols, appEvents, appHandlers, sent, focusCalls, readyPromise, fireReady: () => ready(),
    electron: {
      app: {
        isPackaged: false, getVersion: () => '0.0.0-test', getPath: () => os.tmpdir(), whenReady: () => readyPromise,
        on: (name: string, fn: (...args: unknown[]) => void) => { appEvents.push(name); appHandlers.set(name, fn); }, quit: () => {}, exit: () => {},
        requestSingleInstanceLock: () => true,
      },
      BrowserWindow,
      Menu: { setApplicationMenu: () => {}, buildFromTemplate: (t: unknown) => t },
      dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }), showErrorBox: () => {} },
      ipcMain: {
        handle: (c: string, fn: unknown) => { handled.set(c, fn); },
        removeHandler: (c: string) => { handled.delete(c); },
        on: () => {},
      },
      protocol: {
        registerSchemesAsPrivileged: (s: unknown) => { schemes.push(s); },
        handle: (scheme: string) => { protocols.push(scheme); },
      },
      session: { defaultSession: { setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {} } },
    },
  };
});

vi.mock('electron', () => m.electron);

describe('electron/main.ts', () => {
  it('registers every contract operation on ipcMain and opens a locked-down window on our protocol', async () => {
    await import('../../electron/main.js');
    expect(m.schemes).toEqual([[{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]]);
    m.fireReady();
    await vi.waitFor(() => expect(m.windows.length).toBe(1));
    expect([...m.handled.keys()].sort()).toEqual(OPERATIONS.map(ipcChannel).sort());
    expect(m.protocols).toEqual(['app']);
    const w = m.windows[0]!;
    expect(w.url).toBe('app://renderer/index.html');
    expect(w.options['webPreferences']).toMatchObject({
      contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false,
    });
    expect(String((w.options['webPreferences'] as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(m.appEvents).toContain('web-contents-created');
    expect(m.appEvents).toContain('window-all-closed');
  });

  it('hands a path opened from outside (a second launch, macOS open-file) to the window, and to app.info', async () => {
    await import('../../electron/main.js');
    m.fireReady();
    await vi.waitFor(() => expect(m.windows.length).toBe(1));
    const trusted = { sender: { mainFrame: null as unknown }, senderFrame: null as unknown };
    const frame = { url: 'app://renderer/index.html' };
    trusted.sender.mainFrame = frame;
    trusted.senderFrame = frame;
    const appInfo = async () => ((await (m.handled.get(ipcChannel('app.info')) as (e: unknown, a: unknown) => Promise<{ value: { open_on_start: string | null } }>)(trusted, {})).value.open_on_start);
    const opened = () => m.sent.filter((x) => (x.payload as { type?: string }).type === 'app.open-path').map((x) => (x.payload as { path: string }).path);

    const dir = os.tmpdir();
    m.appHandlers.get('second-instance')!({}, [process.execPath, '.', dir], '/');
    expect(opened()).toEqual([dir]);
    expect(m.focusCalls).toEqual(['restore', 'focus']);
    expect(await appInfo()).toBe(dir);

    let prevented = false;
    m.appHandlers.get('open-file')!({ preventDefault: () => { prevented = true; } }, '/srv/wal');
    expect(prevented).toBe(true);
    expect(opened()).toEqual([dir, '/srv/wal']);
    expect(await appInfo()).toBe('/srv/wal');

    // A second launch without a path only brings the window forward.
    m.appHandlers.get('second-instance')!({}, [process.execPath, '.', '--some-flag'], '/');
    expect(opened()).toHaveLength(2);
  });
});
