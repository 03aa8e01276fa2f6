import binding from 'zstd-napi/binding.js';
import { throwIfAborted } from './abort.js';
import { ByteSink, limitExceeded, type DecodeOutcome } from './byte-sink.js';

/**
 * zstd decoding with the low-level streaming call (`ZSTD_decompressStream`), not zstd-napi's
 * `decompress`: that one silently accepts a truncated frame and returns nothing on damage.
 * The stream call decodes concatenated and skippable frames one after another.
 *
 * Input goes in IN_STEP pieces: when a call fails, the bytes it had produced are lost with
 * it (the binding throws), so small pieces bound that loss to about one zstd block.
 */
const IN_STEP = 4096;
/** One full zstd block (128 KiB) fits, so every call can make progress. */
const OUT_ROOM = binding.dStreamOutSize();
/** Give the event loop a turn after this much output. */
const YIELD_EVERY = 8 << 20;

export async function decodeZstd(input: Uint8Array, maxBytes = Infinity, signal?: AbortSignal): Promise<DecodeOutcome> {
  const sink = new ByteSink(Math.min(input.length * 4, maxBytes === Infinity ? 1 << 30 : maxBytes + OUT_ROOM));
  if (input.length === 0) return { bytes: sink.result(), error: { message: 'empty file: no zstd frame' } };
  const dctx = new binding.DCtx();
  let pos = 0;
  // 0 once a frame is complete and flushed; anything else means "inside a frame".
  let hint = 0;
  let nextYield = YIELD_EVERY;
  for (;;) {
    sink.reserve(OUT_ROOM);
    const room = sink.buf.length - sink.len;
    const piece = input.subarray(pos, Math.min(input.length, pos + IN_STEP));
    let produced: number;
    let consumed: number;
    try {
      [hint, produced, consumed] = dctx.decompressStream(sink.buf.subarray(sink.len), piece);
    } catch (err) {
      return { bytes: sink.result(), error: { message: `zstd: ${(err as Error).message} (compressed byte ${pos})` } };
    }
    sink.len += produced;
    pos += consumed;
    if (sink.len > maxBytes) return { bytes: sink.result().subarray(0, maxBytes), error: limitExceeded(maxBytes) };
    if (pos >= input.length && produced < room) break;
    if (consumed === 0 && produced === 0) {
      return { bytes: sink.result(), error: { message: `zstd: no progress at compressed byte ${pos}` } };
    }
    if (sink.len >= nextYield) {
      nextYield = sink.len + YIELD_EVERY;
      await new Promise((resolve) => setImmediate(resolve));
      throwIfAborted(signal, 'zstd decompression');
    }
  }
  if (hint !== 0) return { bytes: sink.result(), error: { message: 'zstd: the stream ends inside a frame (truncated)' } };
  return { bytes: sink.result() };
}
