import * as zlib from 'node:zlib';
import CRC32 from 'crc-32';

type Crc32 = (data: Uint8Array, initial?: number) => number;

/**
 * CRC-32 (IEEE, as crc32fast and zlib compute it), unsigned. Node ≥ 20.15 and Electron's Node
 * ship zlib.crc32 (native, ~2× faster than the crc-32 package); older runtimes fall back.
 */
const nativeCrc32 = (zlib as unknown as { crc32?: Crc32 }).crc32;

export const crc32: Crc32 = nativeCrc32
  ? (data, initial = 0) => nativeCrc32(data, initial)
  : (data, initial = 0) => CRC32.buf(data, initial) >>> 0;
