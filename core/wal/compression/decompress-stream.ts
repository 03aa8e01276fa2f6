import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { DecompressStream } from 'zstd-napi';
import type { Compression } from './compression.js';
import { decodeLz4Frames } from './lz4-frame.js';
import { createZlibDecoder } from './zlib-decode.js';

/**
 * A streaming decompressor (for piping a segment somewhere). Damage surfaces as a stream
 * error after the bytes decoded before it. zstd, brotli, deflate and gzip stream; LZ4
 * collects its input and decodes at the end (our LZ4 decoder works on a whole buffer; a
 * segment is at most max_file_size). For partial results with an explicit error, prefer
 * `decompressToBuffer`.
 */
export function createDecompressStream(algo: Compression): Transform {
  switch (algo) {
    case 'none':
      return new PassThrough();
    case 'zstd':
      return new DecompressStream();
    case 'lz4':
      return new Lz4CollectingStream();
    case 'brotli':
    case 'deflate':
    case 'gzip':
      return createZlibDecoder(algo);
  }
}

class Lz4CollectingStream extends Transform {
  private readonly chunks: Buffer[] = [];

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    const { bytes, error } = decodeLz4Frames(Buffer.concat(this.chunks));
    this.chunks.length = 0;
    if (bytes.length > 0) this.push(bytes);
    done(error ? new Error(error.message) : undefined);
  }
}
