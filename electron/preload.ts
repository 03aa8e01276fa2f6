/**
 * The preload (sandboxed, context-isolated): exposes exactly the contract — one function per
 * operation, derived from OPERATIONS, plus onEvent — as `window.walInspector`. Nothing else:
 * no ipcRenderer, no generic send. Bundled into one CommonJS file (scripts/build-electron.ts),
 * as sandboxed preloads cannot load other files.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC_EVENT_CHANNEL, buildApi, ipcChannel, type InspectorEvent, type Outcome } from '../core/contract/contract.js';
import { API_GLOBAL, DROP_CHANNEL } from './channels.js';

const api = buildApi(
  (op, args) =>
    (ipcRenderer.invoke(ipcChannel(op), args) as Promise<Outcome<never>>).catch((err: unknown) => ({
      ok: false as const,
      error: { code: 'INTERNAL' as const, message: `the app's main process did not answer ${op}: ${String(err)}`, context: {} },
    })),
  (listener) => {
    const handler = (_event: unknown, event: InspectorEvent) => listener(event);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
);

contextBridge.exposeInMainWorld(API_GLOBAL, api);

// Drag and drop: the page cannot learn a dropped file's path; the preload hands it to main,
// which grants it and tells the page to open it (app.open-path). Dropping never navigates.
interface DropEventLike {
  preventDefault(): void;
  readonly dataTransfer: { readonly files: ArrayLike<File> } | null;
}
const win = globalThis as unknown as { addEventListener(type: string, fn: (e: DropEventLike) => void): void };
win.addEventListener('dragover', (e) => e.preventDefault());
win.addEventListener('drop', (e) => {
  e.preventDefault();
  const files = e.dataTransfer?.files;
  if (!files) return;
  for (let i = 0; i < files.length; i++) {
    const p = webUtils.getPathForFile(files[i]!);
    if (p) ipcRenderer.send(DROP_CHANNEL, p);
  }
});
