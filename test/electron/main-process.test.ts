import * as os from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { OPERATIONS, ipcChannel } from '../../core/inspector/contract.js';

/** Imports the real electron/main.ts with Electron mocked: what it registers and how it builds the window. */
const m = vi.hoisted(() => {
  const handled = new Map<string, unknown>();
  const windows: { options: Record<string, unknown>; url: string }[] = [];
  const schemes: unknown[] = [];
  const protocols: string[] = [];
  const appEvents: string[] = [];
  let ready: () => void = () => {};
  const readyPromise = new Promise<void>((r) => { ready = r; });
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows() { return BrowserWindow.all; }
    static getFocusedWindow() { return null; }
    webContents = { isDestroyed: () => false, send: () => {} };
    constructor(options: Record<string, unknown>) {
      windows.push({ options, url: '' });
      BrowserWindow.all.push(this);
    }
    once() {}
    loadURL(url: string) { windows.at(-1)!.url = url; return Promise.resolve(); }
  }
  return {
    handled, windows, schemes, protocols, appEvents, readyPromise, fireReady: () => ready(),
    electron: {
      app: {
        isPackaged: false, getVersion: () => '0.0.0-test', getPath: () => os.tmpdir(), whenReady: () => readyPromise,
        on: (name: string) => { appEvents.push(name); }, quit: () => {}, exit: () => {},
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
});
