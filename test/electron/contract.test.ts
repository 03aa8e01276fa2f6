import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, OPERATIONS, ipcChannel, splitOperation } from '../../core/contract/contract.js';

/**
 * The contract test: the preload's exposed object and the main process's ipcMain registration
 * must both be exactly the contract — derived here from OPERATIONS, never from a hand-kept list.
 */
const electron = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {};
  const handled = new Map<string, (event: unknown, args: unknown) => Promise<unknown>>();
  const invoked: { channel: string; args: unknown }[] = [];
  const listeners = new Map<string, ((...a: unknown[]) => void)[]>();
  return {
    exposed, handled, invoked, listeners,
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => { exposed[name] = api; } },
    ipcRenderer: {
      invoke: (channel: string, args: unknown) => { invoked.push({ channel, args }); return Promise.resolve({ ok: true, value: channel }); },
      on: (channel: string, fn: (...a: unknown[]) => void) => { listeners.set(channel, [...(listeners.get(channel) ?? []), fn]); },
      removeListener: (channel: string, fn: (...a: unknown[]) => void) => { listeners.set(channel, (listeners.get(channel) ?? []).filter((f) => f !== fn)); },
      send: () => {},
    },
    webUtils: { getPathForFile: () => '' },
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, args: unknown) => Promise<unknown>) => { handled.set(channel, fn); },
      removeHandler: (channel: string) => { handled.delete(channel); },
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer, webUtils: electron.webUtils, ipcMain: electron.ipcMain,
}));

const areas = () => [...new Set(OPERATIONS.map((op) => splitOperation(op)[0]))].sort();

describe('contract ↔ preload ↔ main registration', () => {
  beforeEach(() => {
    (globalThis as Record<string, unknown>)['addEventListener'] ??= () => {};
  });

  it('the preload exposes exactly one function per operation plus onEvent, and each calls its own channel', async () => {
    await import('../../electron/preload.js');
    const api = electron.exposed['walInspector'] as Record<string, Record<string, unknown> | ((...a: unknown[]) => unknown)>;
    expect(Object.keys(electron.exposed)).toEqual(['walInspector']);
    expect(Object.keys(api).sort()).toEqual([...areas(), 'onEvent'].sort());
    const exposedOps = Object.entries(api).flatMap(([area, group]) => (typeof group === 'function' ? [] : Object.keys(group).map((verb) => `${area}.${verb}`)));
    expect(exposedOps.sort()).toEqual([...OPERATIONS].sort());
    for (const op of OPERATIONS) {
      const [area, verb] = splitOperation(op);
      const fn = (api[area] as Record<string, (a: unknown) => Promise<unknown>>)[verb]!;
      expect(typeof fn).toBe('function');
      await expect(fn({ probe: op })).resolves.toEqual({ ok: true, value: ipcChannel(op) });
    }
    expect(electron.invoked.map((i) => i.channel)).toEqual(OPERATIONS.map(ipcChannel));
    // events arrive through onEvent and stop after unsubscribing
    const got: unknown[] = [];
    const off = (api['onEvent'] as (l: (e: unknown) => void) => () => void)((e) => got.push(e));
    for (const fn of electron.listeners.get(IPC_EVENT_CHANNEL) ?? []) fn({}, { type: 'session.closed', session_id: 's' });
    off();
    for (const fn of electron.listeners.get(IPC_EVENT_CHANNEL) ?? []) fn({}, { type: 'session.closed', session_id: 't' });
    expect(got).toEqual([{ type: 'session.closed', session_id: 's' }]);
  });

  it('main registers a handler for exactly the contract’s channels, gated on the sender', async () => {
    const { registerOperations } = await import('../../electron/ipc-bridge.js');
    const { createInspectorService } = await import('../../core/inspector/service.js');
    const service = createInspectorService();
    const trusted = (e: unknown) => (e as { trusted: boolean }).trusted;
    const channels = registerOperations(electron.ipcMain as never, service, trusted as never);
    expect(channels).toEqual(OPERATIONS.map(ipcChannel));
    expect([...electron.handled.keys()].sort()).toEqual(OPERATIONS.map(ipcChannel).sort());
    const info = electron.handled.get(ipcChannel('app.info'))!;
    await expect(info({ trusted: true }, {})).resolves.toMatchObject({ ok: true, value: { mode: 'test' } });
    await expect(info({ trusted: false }, {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await service.close();
  });

  it('the sender check accepts only the top frame of our renderer origin', async () => {
    const { isTrustedSender } = await import('../../electron/ipc-bridge.js');
    const main = { url: 'app://renderer/index.html' };
    expect(isTrustedSender({ senderFrame: main, sender: { mainFrame: main } } as never)).toBe(true);
    const sub = { url: 'app://renderer/index.html' };
    expect(isTrustedSender({ senderFrame: sub, sender: { mainFrame: main } } as never)).toBe(false);
    const evil = { url: 'https://example.com/' };
    expect(isTrustedSender({ senderFrame: evil, sender: { mainFrame: evil } } as never)).toBe(false);
    expect(isTrustedSender({ senderFrame: null, sender: { mainFrame: main } } as never)).toBe(false);
  });
});
