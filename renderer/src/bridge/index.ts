import type { InspectorApi } from '../../../core/contract/contract.js';
import { electronApi } from './electron-client.js';
import { createHttpApi } from './http-client.js';

export { createHttpApi, type HttpApiOptions } from './http-client.js';
export { ELECTRON_GLOBAL, electronApi } from './electron-client.js';

let api: InspectorApi | null = null;

/** The contract for this page: the Electron bridge when the preload exposed it, else HTTP. One renderer build. */
export function getApi(): InspectorApi {
  api ??= electronApi() ?? createHttpApi();
  return api;
}
