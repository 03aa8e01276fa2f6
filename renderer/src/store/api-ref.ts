import type { InspectorApi } from '../contract.js';

let current: InspectorApi | null = null;

/** Sets the API the store talks to: the bridge's in the app, a stand-in in component tests. */
export function setInspectorApi(api: InspectorApi | null): void {
  current = api;
}

export function inspectorApi(): InspectorApi {
  if (!current) throw new Error('The inspector API is not set: call setInspectorApi(getApi()) before rendering.');
  return current;
}

/** A fresh id for a long job (progress events carry it, job.cancel takes it). */
export function newJobId(prefix: string): string {
  const random =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `${prefix}-${random}`;
}
