import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { fsError, WalError } from '../wal-error.js';
import { isAbortError, throwIfAborted } from './abort.js';
import { writeAll, writeFileNoClobber } from '../../fs/atomic-file.js';
import { FsError } from '../../fs/fs-error.js';
import type { Compression, CompressionAlgorithm } from './compression.js';
import { lz4Binding, zstdBinding } from './native-codecs.js';

/**
 * Levels: zstd 3 and deflate/gzip 6 are the libraries' defaults (as the original's encoders
 * use). Brotli's default, quality 11, runs near 1 MB/s — seconds per 10 MiB segment — so we
 * use 5 (tens of MB/s); any quality decodes the same way. zstd and LZ4 frames carry a
 * content checksum, as the `zstd` and `lz4` command-line tools write by default, so damage
 * is detected on decompression.
 */
const BROTLI_QUALITY = 5;

export function createCompressStream(algo: CompressionAlgorithm, sizeHint?: number): Transform {
  switch (algo) {
    case 'zstd':
      return new (zstdBinding().CompressStream)({ compressionLevel: 3, checksumFlag: true });
    case 'brotli':
      return zlib.createBrotliCompress({
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          ...(sizeHint !== undefined ? { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: sizeHint } : {}),
        },
      });
    case 'deflate':
      return zlib.createDeflateRaw();
    case 'gzip':
      return zlib.createGzip();
    case 'lz4':
      throw new TypeError('lz4 has no streaming compressor here: use compressBytes');
  }
}

/** LZ4 frame via lz4-napi (buffer only; runs off the main thread). */
function compressLz4(bytes: Uint8Array): Promise<Buffer> {
  return lz4Binding().compressFrame(bytes, { contentChecksum: true });
}

/** Compresses bytes held in memory into one complete stream of the given format. */
export async function compressBytes(bytes: Uint8Array, algo: CompressionAlgorithm): Promise<Buffer> {
  if (algo === 'lz4') return compressLz4(bytes);
  const chunks: Buffer[] = [];
  await pipeline([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)], createCompressStream(algo, bytes.length), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) chunks.push(chunk);
  });
  return Buffer.concat(chunks);
}

export interface CompressFileOptions {
  readonly signal?: AbortSignal;
}

export interface CompressFileResult {
  readonly bytesIn: number;
  readonly bytesOut: number;
}

/**
 * Compresses `src` into `dest` (streaming; LZ4 reads the whole segment into memory, since
 * lz4-napi's frame encoder takes a buffer — a segment is at most max_file_size, 10 MiB by
 * default). `dest` appears complete or not at all, and an existing `dest` is never replaced
 * (WalError OUTPUT_EXISTS). `src` is left in place: removing it is the caller's step.
 */
export async function compressFile(src: string, dest: string, algo: Compression, options: CompressFileOptions = {}): Promise<CompressFileResult> {
  if (algo === 'none') throw new WalError('INVALID_ARGUMENT', 'compressFile needs a compression algorithm, not none', { field: 'algo' });
  const { signal } = options;
  throwIfAborted(signal, `compressing ${src}`);
  let bytesIn: number;
  try {
    bytesIn = (await stat(src)).size;
  } catch (err) {
    throw fsError(err, src, 'read');
  }
  let bytesOut = 0;
  try {
    await writeFileNoClobber(dest, async (out) => {
      if (algo === 'lz4') {
        const data = await readFile(src, signal ? { signal } : {});
        bytesIn = data.length;
        const frame = await compressLz4(data);
        throwIfAborted(signal, `compressing ${src}`);
        await writeAll(out, frame);
        bytesOut = frame.length;
        return;
      }
      await pipeline(
        createReadStream(src),
        createCompressStream(algo, bytesIn),
        async (source: AsyncIterable<Buffer>) => {
          for await (const chunk of source) {
            await writeAll(out, chunk);
            bytesOut += chunk.length;
          }
        },
        signal ? { signal } : {},
      );
    });
  } catch (err) {
    if (err instanceof WalError) throw err;
    if (err instanceof FsError) throw new WalError(err.code, err.message, err.context);
    if (isAbortError(err)) throw new WalError('ABORTED', `compressing ${src}: aborted`, { file: src, cause: err });
    const e = err as NodeJS.ErrnoException;
    if (e.syscall !== undefined) throw fsError(err, e.path ?? src, `compress ${src}`);
    throw new WalError('COMPRESSION_ERROR', `${algo} compression of ${src} failed: ${(err as Error).message}`, { file: src, cause: err });
  }
  return { bytesIn, bytesOut };
}
