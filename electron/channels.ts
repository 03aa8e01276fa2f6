/** Preload → main only: a file dropped on the window (its path, from webUtils). Never exposed to the page. */
export const DROP_CHANNEL = 'wal-inspector-internal:dropped-path';
/** The global name under which the preload exposes the contract (renderer/src/bridge reads it). */
export const API_GLOBAL = 'walInspector';
