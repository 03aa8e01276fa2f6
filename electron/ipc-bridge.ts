import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, OPERATIONS, ipcChannel, type InspectorEvent } from '../core/contract/contract.js';
import type { InspectorService } from '../core/inspector/service.js';

/** Where our renderer is served from (the custom protocol); anything else is refused. */
export const RENDERER_ORIGIN = 'app://renderer';
export { DROP_CHANNEL } from './channels.js';

/**
 * VS Code's gate: a call is served only when it comes from the top frame of one of our
 * windows showing our renderer (custom protocol origin).
 */
export function isTrustedSender(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame !== event.sender.mainFrame) return false;
  try {
    return new URL(frame.url).origin === RENDERER_ORIGIN || frame.url.startsWith(RENDERER_ORIGIN + '/');
  } catch {
    return false;
  }
}

/**
 * Registers every operation of the contract on ipcMain — the channel list is derived from
 * OPERATIONS, never kept by hand. Returns the channels registered.
 */
export function registerOperations(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, service: InspectorService, trusted = isTrustedSender): string[] {
  const channels: string[] = [];
  for (const op of OPERATIONS) {
    const channel = ipcChannel(op);
    ipcMain.removeHandler(channel);
    ipcMain.handle(channel, async (event, args: unknown) => {
      if (!trusted(event)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'calls are accepted only from the inspector window', context: {} } };
      }
      return service.call(op, args as never);
    });
    channels.push(channel);
  }
  return channels;
}

/** Forwards every service event to the windows that are alive. */
export function forwardEvents(service: InspectorService, targets: () => readonly WebContents[]): () => void {
  return service.onEvent((event: InspectorEvent) => {
    for (const wc of targets()) if (!wc.isDestroyed()) wc.send(IPC_EVENT_CHANNEL, event);
  });
}
