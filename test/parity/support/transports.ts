import * as path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import {
  IPC_EVENT_CHANNEL, buildApi, ipcChannel, type InspectorApi, type InspectorEvent, type OperationName,
} from '../../../core/contract/contract.js';
import { createInspectorService, type InspectorService } from '../../../core/inspector/service.js';
import { startServeServer } from '../../../cli/serve/serve-server.js';
import { RENDERER_ORIGIN, forwardEvents, registerOperations } from '../../../electron/ipc-bridge.js';
import { createHttpApi } from '../../../renderer/src/bridge/http-client.js';
import { tempDir } from '../../core/inspector/support/inspector-fixtures.js';

/**
 * One way of reaching the service, as a front end does: the same InspectorApi object over
 * every transport, so a parity test runs one scenario through each and compares the answers.
 */
export interface Transport {
  readonly name: 'in-process' | 'http' | 'ipc';
  readonly api: InspectorApi;
  close(): Promise<void>;
}

export type TransportName = Transport['name'];
export const TRANSPORTS: readonly TransportName[] = ['in-process', 'http', 'ipc'];

export async function openTransport(name: TransportName): Promise<Transport> {
  const service = createInspectorService({ mode: name === 'ipc' ? 'electron' : name === 'http' ? 'browser' : 'test', followPollMs: 50 });
  if (name === 'in-process') return { name, api: service.api, close: () => service.close() };
  if (name === 'http') return overHttp(service);
  return overIpc(service);
}

async function overHttp(service: InspectorService): Promise<Transport> {
  const server = await startServeServer({ service, rendererDir: path.join(tempDir('parity-'), 'no-build') });
  const api = createHttpApi({ baseUrl: `http://127.0.0.1:${server.port}`, token: server.token, retryMs: 20 });
  return {
    name: 'http', api,
    async close() {
      await server.close();
      await service.close();
    },
  };
}

/**
 * The Electron path without Electron: the real `registerOperations` and `forwardEvents` of
 * electron/ipc-bridge.ts on an ipcMain stand-in, called as the preload calls them — from our
 * window's top frame, arguments and answers structured-cloned as IPC does.
 */
function overIpc(service: InspectorService): Transport {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, args: unknown) => Promise<unknown>>();
  registerOperations({
    handle: (channel: string, fn: (event: IpcMainInvokeEvent, args: unknown) => Promise<unknown>) => { handlers.set(channel, fn); },
    removeHandler: (channel: string) => { handlers.delete(channel); },
  } as never, service);
  const mainFrame = { url: `${RENDERER_ORIGIN}/index.html` };
  const event = { sender: { mainFrame }, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent;
  const listeners = new Set<(e: InspectorEvent) => void>();
  const webContents = {
    isDestroyed: () => false,
    send: (channel: string, payload: InspectorEvent) => {
      if (channel !== IPC_EVENT_CHANNEL) return;
      const copy = structuredClone(payload);
      for (const l of [...listeners]) l(copy);
    },
  };
  const stopEvents = forwardEvents(service, () => [webContents as never]);
  const call = (async (op: OperationName, args: unknown) => {
    const handler = handlers.get(ipcChannel(op));
    if (!handler) throw new Error(`no IPC handler for ${op}`);
    return structuredClone(await handler(event, structuredClone(args ?? {})));
  }) as Parameters<typeof buildApi>[0];
  const onEvent: InspectorApi['onEvent'] = (listener) => {
    listeners.add(listener);
    return () => { listeners.delete(listener); };
  };
  return {
    name: 'ipc', api: buildApi(call, onEvent),
    async close() {
      stopEvents();
      await service.close();
    },
  };
}

/** Waits for an event on a transport (events already seen by `seen` count). */
export function eventWaiter(api: InspectorApi): { wait(pred: (e: InspectorEvent) => boolean, ms?: number): Promise<InspectorEvent>; stop(): void } {
  const seen: InspectorEvent[] = [];
  const waiters: { pred: (e: InspectorEvent) => boolean; resolve: (e: InspectorEvent) => void }[] = [];
  const off = api.onEvent((e) => {
    seen.push(e);
    for (const w of [...waiters]) if (w.pred(e)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(e); }
  });
  return {
    stop: off,
    wait(pred, ms = 20_000) {
      const hit = seen.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('timed out waiting for an event')), ms);
        waiters.push({ pred, resolve: (e) => { clearTimeout(t); resolve(e); } });
      });
    },
  };
}
