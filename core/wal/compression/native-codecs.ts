import { createRequire } from 'node:module';
import type * as Lz4 from 'lz4-napi';
import type * as Zstd from 'zstd-napi';
import type ZstdRaw from 'zstd-napi/binding.js';

/**
 * The native compression bindings, loaded the first time a compressed segment is read or
 * written: loading both costs ~50 ms of start-up that a command on an uncompressed log
 * (most `stats`, `dump`, `--version`) never needs. Both packages are CommonJS, so a lazy
 * require keeps the callers synchronous.
 */
const requireNative = createRequire(import.meta.url);
let zstd: typeof Zstd | undefined;
let lz4: typeof Lz4 | undefined;
let zstdRaw: typeof ZstdRaw | undefined;

export function zstdBinding(): typeof Zstd {
  return (zstd ??= requireNative('zstd-napi') as typeof Zstd);
}

export function lz4Binding(): typeof Lz4 {
  return (lz4 ??= requireNative('lz4-napi') as typeof Lz4);
}

/** zstd-napi's low-level binding (the streaming decoder call). */
export function zstdRawBinding(): typeof ZstdRaw {
  return (zstdRaw ??= requireNative('zstd-napi/binding.js') as typeof ZstdRaw);
}
