import type { IHasher } from 'hash-wasm';
import { isWellFormed } from './well-formed-text.js';

let hasher: IHasher | null = null;
let loading: Promise<IHasher> | null = null;

/**
 * Loads the BLAKE3 WebAssembly module once; afterwards `blake3HexSync` works. Safe to call
 * many times (all calls share one load).
 */
export function initBlake3(): Promise<void> {
  return loadHasher().then(() => undefined);
}

function loadHasher(): Promise<IHasher> {
  if (hasher) return Promise.resolve(hasher);
  // hash-wasm is imported here, not at the top: modules that only might hash (the store-wide
  // checks reachable from every command) must not cost start-up its WebAssembly load.
  loading ??= import('hash-wasm').then(({ createBLAKE3 }) => createBLAKE3()).then(
    (h) => (hasher = h),
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

function digest(h: IHasher, data: string | Uint8Array): string {
  if (typeof data === 'string' && !isWellFormed(data)) {
    throw new TypeError('text to hash holds a lone surrogate, which UTF-8 cannot encode');
  }
  // init/update/digest run synchronously, so one shared hasher never interleaves.
  return h.init().update(data).digest('hex');
}

/** BLAKE3-256 hex digest of a string's UTF-8 bytes (or of raw bytes). */
export async function blake3Hex(data: string | Uint8Array): Promise<string> {
  return digest(await loadHasher(), data);
}

/** Synchronous `blake3Hex`; throws an Error unless `initBlake3()` has finished. */
export function blake3HexSync(data: string | Uint8Array): string {
  if (!hasher) throw new Error('BLAKE3 is not loaded yet: await initBlake3() first');
  return digest(hasher, data);
}
