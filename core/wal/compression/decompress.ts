import { WalError } from '../wal-error.js';
import { isAbortError, throwIfAborted } from './abort.js';
import { ByteSink, type DecodeOutcome } from './byte-sink.js';
import type { Compression } from './compression.js';
import { decodeInto } from './decode-stream.js';
import { DecodeStop, onePiece } from './decode-stop.js';
import { readChunks } from './read-chunks.js';

export interface DecompressOptions {
  /** Stop (with an error, keeping the first maxBytes bytes) past this many decompressed bytes. */
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
}

/** Where and why a compressed stream stopped. */
export interface DecompressFailure {
  readonly message: string;
  /** Compressed bytes the decoder had taken when it stopped. */
  readonly compressedOffset: number;
  /** Decompressed bytes kept (all decoded before the failure). */
  readonly decompressedOffset: number;
  /** It stopped because it grew past maxBytes, not because of damage. */
  readonly limitExceeded: boolean;
}

export interface DecompressResult extends DecodeOutcome {
  readonly error?: DecompressFailure;
}

export interface StreamedDecompression {
  /** Decompressed bytes handed to `onData`. */
  readonly bytes: number;
  readonly error?: DecompressFailure;
}

/** Thrown from onData to stop at the limit. */
class LimitReached {}

/**
 * Decompresses a stream given in pieces, handing each decoded piece to `onData` (a view:
 * copy or write it before returning). Memory stays bounded whatever the stream expands to;
 * past `maxBytes` it stops with a failure saying so. Never throws for damaged input; throws
 * WalError ABORTED when the signal fires, and what reading the input or onData throws.
 */
export async function decompressPieces(
  openInput: () => AsyncIterable<Uint8Array>, algo: Compression, onData: (piece: Uint8Array) => void, options: DecompressOptions = {},
): Promise<StreamedDecompression> {
  const maxBytes = options.maxBytes ?? Infinity;
  const { signal } = options;
  throwIfAborted(signal, `${algo} decompression`);
  const progress = { consumed: 0 };
  let bytes = 0;
  const fail = (message: string, limitExceeded: boolean): StreamedDecompression => ({
    bytes, error: { message, compressedOffset: progress.consumed, decompressedOffset: bytes, limitExceeded },
  });
  try {
    await decodeInto(algo, openInput, progress, (piece) => {
      throwIfAborted(signal, `${algo} decompression`);
      if (bytes + piece.length > maxBytes) {
        onData(piece.subarray(0, maxBytes - bytes));
        bytes = maxBytes;
        throw new LimitReached();
      }
      onData(piece);
      bytes += piece.length;
    });
  } catch (err) {
    if (err instanceof LimitReached) return fail(`decompressed size exceeds the limit of ${maxBytes} bytes`, true);
    if (err instanceof DecodeStop) return fail(err.message, false);
    if (err instanceof WalError) throw err;
    if (isAbortError(err)) throw new WalError('ABORTED', `${algo} decompression: aborted`, { cause: err });
    return fail(`${algo}: ${(err as Error).message ?? String(err)}`, false);
  }
  throwIfAborted(signal, `${algo} decompression`);
  return { bytes };
}

/**
 * Streams a compressed segment file through `onData` (see decompressPieces). A file that
 * cannot be read, or is not a regular file, throws WalError. Compressed input longer than
 * maxBytes is not read past it (a device never ends; a stream may decode to nothing).
 */
export async function decompressFile(
  path: string, algo: Compression, onData: (piece: Uint8Array) => void, options: DecompressOptions = {},
): Promise<StreamedDecompression> {
  let inputCut = false;
  const openInput = () => readChunks(path, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    onLimit: () => void (inputCut = true),
  });
  const result = await decompressPieces(openInput, algo, onData, options);
  if (inputCut && options.maxBytes !== undefined && (!result.error || !result.error.limitExceeded)) {
    const message = `compressed size exceeds the limit of ${options.maxBytes} bytes${result.error ? ` (${result.error.message})` : ''}`;
    return { bytes: result.bytes, error: { message, compressedOffset: options.maxBytes, decompressedOffset: result.bytes, limitExceeded: true } };
  }
  return result;
}

async function collect(run: (onData: (piece: Uint8Array) => void) => Promise<StreamedDecompression>, sizeHint: number): Promise<DecompressResult> {
  const sink = new ByteSink(sizeHint);
  const r = await run((piece) => sink.append(piece));
  return r.error ? { bytes: sink.result(), error: r.error } : { bytes: sink.result() };
}

/**
 * Decompresses a whole segment held in memory into memory (bounded by maxBytes). Never
 * throws for damaged input: the result holds every byte decoded before the damage and
 * `error` says what stopped it. Throws only WalError ABORTED when the signal fires.
 */
export function decompressBytes(input: Uint8Array, algo: Compression, options: DecompressOptions = {}): Promise<DecompressResult> {
  const hint = Math.min(input.length * 4, options.maxBytes ?? 1 << 26);
  return collect((onData) => decompressPieces(() => onePiece(input), algo, onData, options), hint);
}

/** Reads a compressed segment file into memory (bounded by maxBytes); the chain reader uses openSegment, which spills to disk. */
export function decompressToBuffer(path: string, algo: Compression, options: DecompressOptions = {}): Promise<DecompressResult> {
  return collect((onData) => decompressFile(path, algo, onData, options), 1 << 20);
}
