import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { DecodeStop, type DecodeProgress } from './decode-stop.js';

/**
 * brotli, raw deflate and gzip decoding with node:zlib streams (concatenated gzip members are
 * decoded by zlib itself), in flowing mode: each output piece goes to `onData` as zlib
 * produces it, so nothing piles up however far the stream expands.
 *
 * Node drops the output of the one engine call that fails. So after damage (not at a
 * truncated end, where nothing is lost) a second pass decodes again, the same input in the
 * same pieces up to where that call began and byte by byte after it, and hands on only the
 * bytes past those already given: what is kept then ends within one input byte of the damage
 * (trailing garbage after a gzip member loses nothing).
 */
export type ZlibAlgorithm = 'brotli' | 'deflate' | 'gzip';

const OUT_CHUNK = 16 * 1024;
/** The byte-by-byte pass gives up after this many bytes (an engine call consumes far less). */
const FINE_PASS_MAX = 256 * 1024;

export function createZlibDecoder(algo: ZlibAlgorithm, chunkSize = OUT_CHUNK): zlib.Gunzip | zlib.InflateRaw | zlib.BrotliDecompress {
  const options = { chunkSize };
  if (algo === 'gzip') return zlib.createGunzip(options);
  if (algo === 'deflate') return zlib.createInflateRaw(options);
  return zlib.createBrotliDecompress(options);
}

function describe(algo: ZlibAlgorithm, err: unknown): string {
  const e = err as { message?: string; code?: string };
  const code = e.code && !e.code.startsWith('Z_') ? ` (${e.code})` : '';
  return `${algo}: ${e.message ?? String(err)}${code}`;
}

/** A failure of the input itself (reading the file) or of onData: not damage of the stream. */
class Passed {
  constructor(readonly error: unknown) {}
}

interface Pass {
  /** Output bytes produced (all of them, including those not handed on). */
  produced: number;
  /** Input bytes the engine had consumed before the call that failed (or all). */
  consumedBefore: number;
  error?: unknown;
}

/** One decoding pass; output bytes before `skip` are not handed on. */
function runPass(
  algo: ZlibAlgorithm, input: AsyncIterable<Uint8Array>, skip: number, onData: (piece: Uint8Array) => void,
): Promise<Pass> {
  return new Promise((resolve) => {
    const decoder = createZlibDecoder(algo);
    const pass: Pass = { produced: 0, consumedBefore: 0 };
    async function* guarded(): AsyncGenerator<Uint8Array> {
      try {
        for await (const chunk of input) yield chunk;
      } catch (err) {
        throw new Passed(err);
      }
    }
    const source = Readable.from(guarded(), { objectMode: false });
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      pass.consumedBefore = decoder.bytesWritten;
      if (error !== undefined) pass.error = error;
      source.destroy();
      decoder.destroy();
      resolve(pass);
    };
    source.on('error', (err) => finish(err));
    decoder.on('error', (err) => finish(err));
    decoder.on('end', () => finish());
    decoder.on('data', (piece: Buffer) => {
      if (settled) return;
      const from = pass.produced;
      pass.produced += piece.length;
      if (pass.produced <= skip) return;
      try {
        onData(from >= skip ? piece : piece.subarray(skip - from));
      } catch (err) {
        finish(new Passed(err));
      }
    });
    source.pipe(decoder);
  });
}

/** The same bytes, in the same pieces up to `split`, then one byte at a time (at most FINE_PASS_MAX of them). */
async function* finely(input: AsyncIterable<Uint8Array>, split: number): AsyncGenerator<Uint8Array> {
  let pos = 0;
  for await (const chunk of input) {
    const end = pos + chunk.length;
    if (end <= split) {
      yield chunk;
    } else {
      if (pos < split) yield chunk.subarray(0, split - pos);
      for (let i = Math.max(0, split - pos); i < chunk.length; i++) {
        if (pos + i >= split + FINE_PASS_MAX) return;
        yield chunk.subarray(i, i + 1);
      }
    }
    pos = end;
  }
}

/** Decodes a zlib-family stream into onData; throws DecodeStop on damage. */
export async function decodeZlibInto(
  openInput: () => AsyncIterable<Uint8Array>, algo: ZlibAlgorithm, progress: DecodeProgress, onData: (piece: Uint8Array) => void,
): Promise<void> {
  let seen = false;
  const counted = (input: AsyncIterable<Uint8Array>) => (async function* () {
    for await (const chunk of input) {
      seen ||= chunk.length > 0;
      yield chunk;
    }
  })();
  const first = await runPass(algo, counted(openInput()), 0, onData);
  progress.consumed = first.consumedBefore;
  if (first.error === undefined) {
    if (!seen) throw new DecodeStop(`${algo}: empty file: no ${algo} stream`);
    return;
  }
  if (first.error instanceof Passed) throw first.error.error;
  if (!seen) throw new DecodeStop(`${algo}: empty file: no ${algo} stream`);
  const message = describe(algo, first.error);
  if (!/unexpected end of file/i.test(message)) {
    const fine = await runPass(algo, finely(openInput(), first.consumedBefore), first.produced, onData);
    if (fine.error instanceof Passed) throw fine.error.error;
    progress.consumed = fine.consumedBefore;
  }
  throw new DecodeStop(message);
}
