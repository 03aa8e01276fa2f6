import type { InspectorApi } from '../../../core/contract/contract.js';

/** The name under which the Electron preload exposes the contract (contextBridge). */
export const ELECTRON_GLOBAL = 'walInspector';

/** The Electron bridge: the preload already exposes exactly the contract as `window.walInspector`. */
export function electronApi(): InspectorApi | null {
  const api = (globalThis as unknown as Record<string, unknown>)[ELECTRON_GLOBAL];
  return api && typeof api === 'object' ? (api as InspectorApi) : null;
}
