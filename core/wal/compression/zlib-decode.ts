import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { isAbortError, throwIfAborted } from './abort.js';
import { ByteSink, limitExceeded, type DecodeOutcome } from './byte-sink.js';

/**
 * brotli, raw deflate and gzip decoding with node:zlib. Concatenated gzip members are
 * decoded by zlib itself. After a failed one-shot decode, a stream keeps every output chunk pushed before an error, which is
 * exact for a truncated stream (the error only comes at the end) but may miss up to one
 * 16 KiB output chunk before damage in the middle; for that case `longestGoodPrefix` finds
 * the longest input prefix that decodes without error and keeps its output instead.
 */
export type ZlibAlgorithm = 'brotli' | 'deflate' | 'gzip';

const IN_STEP = 64 * 1024;

export function createZlibDecoder(algo: ZlibAlgorithm): zlib.Gunzip | zlib.InflateRaw | zlib.BrotliDecompress {
  if (algo === 'gzip') return zlib.createGunzip();
  if (algo === 'deflate') return zlib.createInflateRaw();
  return zlib.createBrotliDecompress();
}

function* pieces(input: Uint8Array): Generator<Buffer> {
  for (let p = 0; p < input.length; p += IN_STEP) yield Buffer.from(input.buffer, input.byteOffset + p, Math.min(IN_STEP, input.length - p));
}

function describe(algo: ZlibAlgorithm, err: unknown): string {
  const e = err as { message?: string; code?: string };
  const code = e.code && !e.code.startsWith('Z_') ? ` (${e.code})` : '';
  return `${algo}: ${e.message ?? String(err)}${code}`;
}

export async function decodeZlib(input: Uint8Array, algo: ZlibAlgorithm, maxBytes = Infinity, signal?: AbortSignal): Promise<DecodeOutcome> {
  const sink = new ByteSink(Math.min(input.length * 4, maxBytes === Infinity ? 1 << 30 : maxBytes + 1));
  if (input.length === 0) return { bytes: sink.result(), error: { message: `empty file: no ${algo} stream` } };
  // Intact input (the usual case) decodes fastest in one call off the main thread; only
  // when that fails does the stream below find out how much can be kept.
  const whole = await decodeWhole(input, algo, maxBytes);
  if (whole) return { bytes: whole };
  const decoder = createZlibDecoder(algo);
  const source = Readable.from(pieces(input), { objectMode: false });
  source.pipe(decoder);
  let failure: unknown;
  try {
    for await (const chunk of decoder as AsyncIterable<Buffer>) {
      sink.append(chunk);
      if (sink.len > maxBytes) {
        source.destroy();
        decoder.destroy();
        return { bytes: sink.result().subarray(0, maxBytes), error: limitExceeded(maxBytes) };
      }
      throwIfAborted(signal, `${algo} decompression`);
    }
  } catch (err) {
    if (isAbortError(err) || (err as { code?: string }).code === 'ABORTED') throw err;
    failure = err;
  } finally {
    source.destroy();
  }
  if (failure === undefined) return { bytes: sink.result() };
  const error = { message: describe(algo, failure) };
  if (/unexpected end of file/i.test(error.message)) return { bytes: sink.result(), error };
  const better = await longestGoodPrefix(input, algo, maxBytes);
  return { bytes: better && better.length > sink.len ? better : sink.result(), error };
}

const oneShot = {
  gzip: promisify(zlib.gunzip),
  deflate: promisify(zlib.inflateRaw),
  brotli: promisify(zlib.brotliDecompress),
} as const;

async function decodeWhole(input: Uint8Array, algo: ZlibAlgorithm, maxBytes: number): Promise<Buffer | undefined> {
  try {
    return await oneShot[algo](input, maxBytes === Infinity ? {} : { maxOutputLength: maxBytes });
  } catch {
    return undefined;
  }
}

/** Decodes a prefix, accepting that it stops mid-stream (sync flush instead of finish). */
async function decodePrefix(prefix: Uint8Array, algo: ZlibAlgorithm, maxBytes: number): Promise<Buffer | undefined> {
  const limit = maxBytes === Infinity ? {} : { maxOutputLength: maxBytes + 1 };
  try {
    if (algo === 'brotli') return await oneShot.brotli(prefix, { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH, ...limit });
    return await oneShot[algo](prefix, { finishFlush: zlib.constants.Z_SYNC_FLUSH, ...limit });
  } catch {
    return undefined;
  }
}

/** Binary search for the longest prefix of the input that decodes (only after damage). */
async function longestGoodPrefix(input: Uint8Array, algo: ZlibAlgorithm, maxBytes: number): Promise<Buffer | undefined> {
  let lo = 1;
  let hi = input.length - 1;
  let best: Buffer | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const out = await decodePrefix(input.subarray(0, mid), algo, maxBytes);
    if (out) {
      best = out;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}
