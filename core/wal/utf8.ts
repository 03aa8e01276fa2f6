import * as buffer from 'node:buffer';

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const nativeIsUtf8 = (buffer as unknown as { isUtf8?: (b: Uint8Array) => boolean }).isUtf8;

/** Strict UTF-8 validity (node:buffer.isUtf8 where present: SIMD, no allocation). */
export const isUtf8: (bytes: Uint8Array) => boolean = nativeIsUtf8
  ? (bytes) => nativeIsUtf8(bytes)
  : (bytes) => {
      try {
        fatal.decode(bytes);
        return true;
      } catch {
        return false;
      }
    };

/** Decodes valid UTF-8 without touching a leading BOM (TextDecoder would strip it by default). */
export function decodeUtf8(bytes: Uint8Array): string {
  return fatal.decode(bytes);
}
