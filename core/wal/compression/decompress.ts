import { readFile } from 'node:fs/promises';
import { fsError, WalError } from '../wal-error.js';
import { isAbortError, throwIfAborted } from './abort.js';
import { limitExceeded, type DecodeOutcome } from './byte-sink.js';
import type { Compression } from './compression.js';
import { decodeLz4Frames } from './lz4-frame.js';
import { decodeZlib } from './zlib-decode.js';
import { decodeZstd } from './zstd-decode.js';

export interface DecompressOptions {
  /** Stop (with an error, keeping the first maxBytes bytes) past this many decompressed bytes. */
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
}

export type DecompressResult = DecodeOutcome;

/**
 * Decompresses a whole segment held in memory. Never throws for damaged input: the result
 * holds every byte decoded before the damage and `error` says what stopped it (the reader
 * turns that into a `corrupt-compression` record at `bytes.length`). Throws only WalError
 * ABORTED when the signal fires.
 */
export async function decompressBytes(input: Uint8Array, algo: Compression, options: DecompressOptions = {}): Promise<DecompressResult> {
  const maxBytes = options.maxBytes ?? Infinity;
  const { signal } = options;
  throwIfAborted(signal, `${algo} decompression`);
  let outcome: DecodeOutcome;
  switch (algo) {
    case 'none': {
      const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
      outcome = bytes.length > maxBytes ? { bytes: bytes.subarray(0, maxBytes), error: limitExceeded(maxBytes) } : { bytes };
      break;
    }
    case 'zstd':
      outcome = await decodeZstd(input, maxBytes, signal);
      break;
    case 'lz4':
      outcome = decodeLz4Frames(input, maxBytes);
      break;
    case 'brotli':
    case 'deflate':
    case 'gzip':
      outcome = await decodeZlib(input, algo, maxBytes, signal);
      break;
  }
  throwIfAborted(signal, `${algo} decompression`);
  return outcome;
}

/**
 * Reads a compressed segment and decompresses it. The compressed file is read whole:
 * segments are at most max_file_size (10 MiB by default) before compression.
 * A file that cannot be read throws WalError (NOT_FOUND, PERMISSION_DENIED, IO_ERROR).
 */
export async function decompressToBuffer(path: string, algo: Compression, options: DecompressOptions = {}): Promise<DecompressResult> {
  let input: Buffer;
  try {
    input = options.signal ? await readFile(path, { signal: options.signal }) : await readFile(path);
  } catch (err) {
    if (isAbortError(err)) throw new WalError('ABORTED', `${path}: aborted`, { file: path, cause: err });
    throw fsError(err, path, 'read');
  }
  return decompressBytes(input, algo, options);
}
