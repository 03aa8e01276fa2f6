/**
 * The Electron main process: one inspector service (core/inspector, plain Node), its
 * operations registered on ipcMain from the contract, events forwarded to the window, the
 * menu, dialogs, drag and drop and the command line's path. No logic of its own.
 */
import { BrowserWindow, Menu, app, dialog, ipcMain } from 'electron';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IPC_EVENT_CHANNEL, type InspectorEvent, type RecentItem } from '../core/contract/contract.js';
import { createInspectorService } from '../core/inspector/service.js';
import { buildMenu } from './app-menu.js';
import { registerSchemePrivileges, serveRenderer } from './app-protocol.js';
import { DROP_CHANNEL } from './channels.js';
import { parseElectronArgs } from './electron-args.js';
import { forwardEvents, isTrustedSender, registerOperations } from './ipc-bridge.js';
import { createMainWindow, lockDownContents } from './main-window.js';
import { PathGrants } from './path-grants.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.join(here, '..', 'renderer');
const PRELOAD = path.join(here, 'preload.cjs');

registerSchemePrivileges();
// One instance: a path opened while the app runs (a second launch, the Finder) goes to the
// running one, which opens it in its window.
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();
const args = parseElectronArgs(process.argv, app.isPackaged);
const grants = new PathGrants();
if (args.open) grants.grantRead(args.open);
if (args.demoStore) grants.grantRead(args.demoStore);
/** A path that arrived before the page could be told (macOS open-file at launch): app.info reports it. */
let openOnStart = args.open;

const focused = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
const emitToWindows = (event: InspectorEvent) => {
  for (const w of BrowserWindow.getAllWindows()) if (!w.webContents.isDestroyed()) w.webContents.send(IPC_EVENT_CHANNEL, event);
};

const service = createInspectorService({
  mode: 'electron',
  version: app.getVersion(),
  fileBrowser: false,
  demoStore: args.demoStore,
  openOnStart: () => openOnStart,
  recentFile: path.join(app.getPath('userData'), 'recent.json'),
  allowPath: (p, purpose) => grants.allows(p, purpose),
  extraHandlers: {
    'dialog.open': async ({ kind, default_name }) => {
      const win = focused();
      if (kind === 'save') {
        const r = win ? await dialog.showSaveDialog(win, { defaultPath: default_name ?? 'export.jsonl' }) : await dialog.showSaveDialog({});
        return r.canceled || !r.filePath ? null : { path: grants.grantWrite(r.filePath) };
      }
      const properties: ('openFile' | 'openDirectory')[] = [kind === 'folder' ? 'openDirectory' : 'openFile'];
      const r = win ? await dialog.showOpenDialog(win, { properties }) : await dialog.showOpenDialog({ properties });
      const picked = r.filePaths[0];
      return r.canceled || !picked ? null : { path: grants.grantRead(picked) };
    },
  },
});

/** The user picked a path (menu, drop, recent): grant it and tell the page to open it. */
function openPicked(p: string): void {
  emitToWindows({ type: 'app.open-path', path: grants.grantRead(p) });
}

/** A path from outside the window (second launch, macOS open-file): to the page now, or on its start. */
function openFromOutside(p: string): void {
  openOnStart = grants.grantRead(p);
  const win = focused();
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
  openPicked(p);
}

app.on('second-instance', (_event, argv, workingDirectory) => {
  const second = parseElectronArgs(argv, app.isPackaged, workingDirectory);
  if (second.open) openFromOutside(second.open);
  else focused()?.focus();
});
app.on('open-file', (event, p) => {
  event.preventDefault();
  openFromOutside(p);
});

async function refreshMenu(): Promise<void> {
  const recent = await service.call('recent.list', {});
  const items: readonly RecentItem[] = recent.ok ? recent.value : [];
  for (const item of items) grants.grantRead(item.path);
  Menu.setApplicationMenu(buildMenu(items, {
    development: !app.isPackaged,
    openFile: () => void pick('file'),
    openFolder: () => void pick('folder'),
    openRecent: (item) => openPicked(item.path),
  }));
}

async function pick(kind: 'file' | 'folder'): Promise<void> {
  const r = await service.call('dialog.open', { kind });
  if (r.ok && r.value) emitToWindows({ type: 'app.open-path', path: r.value.path });
}

app.whenReady().then(async () => {
  if (!primary) return;
  lockDownContents();
  serveRenderer(RENDERER_DIR);
  registerOperations(ipcMain, service);
  forwardEvents(service, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  service.onEvent((e) => {
    if (e.type === 'index.done') void refreshMenu();
  });
  ipcMain.on(DROP_CHANNEL, (event, p: unknown) => {
    if (isTrustedSender(event) && typeof p === 'string' && p.length > 0) openPicked(p);
  });
  await refreshMenu();
  createMainWindow(PRELOAD);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(PRELOAD);
  });
}).catch((err: unknown) => {
  dialog.showErrorBox('WAL Inspector could not start', err instanceof Error ? err.message : String(err));
  app.exit(1);
});

app.on('window-all-closed', () => {
  void service.close().finally(() => {
    if (process.platform !== 'darwin') app.quit();
  });
});
