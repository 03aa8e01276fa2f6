import { Duplex, PassThrough } from 'node:stream';
import type { Compression } from './compression.js';
import { decodeLz4Stream } from './lz4-frame.js';
import { zstdBinding } from './native-codecs.js';
import { createZlibDecoder } from './zlib-decode.js';

/**
 * A streaming decompressor (for piping a segment somewhere), in bounded memory for every
 * algorithm (backpressure holds the decoders). Damage surfaces as a stream error after the
 * bytes decoded before it. For partial results with an explicit error, prefer `decompressPieces`.
 */
export function createDecompressStream(algo: Compression): Duplex {
  switch (algo) {
    case 'none':
      return new PassThrough();
    case 'zstd':
      return new (zstdBinding().DecompressStream)();
    case 'lz4':
      return Duplex.from(async function* (source: AsyncIterable<Buffer>) {
        // The decoder reuses its output buffer: copy each piece before it leaves.
        for await (const piece of decodeLz4Stream(source, { consumed: 0 })) yield Buffer.from(piece);
      });
    case 'brotli':
    case 'deflate':
    case 'gzip':
      return createZlibDecoder(algo);
  }
}
