import { zstdRawBinding } from './native-codecs.js';
import { DecodeStop, type DecodeProgress } from './decode-stop.js';

/**
 * zstd decoding with the low-level streaming call (`ZSTD_decompressStream`), not zstd-napi's
 * `decompress`: that one silently accepts a truncated frame and returns nothing on damage.
 * The stream call decodes concatenated and skippable frames one after another, into one
 * reused 128 KiB output buffer, so memory stays flat whatever the stream expands to.
 *
 * Input goes in IN_STEP pieces: when a call fails, the bytes it had produced are lost with
 * it (the binding throws), so small pieces bound that loss to about one zstd block.
 */
const IN_STEP = 4096;

/** Decoded pieces of a zstd stream; each yielded view is valid until the next step. */
export async function* decodeZstdStream(input: AsyncIterable<Uint8Array>, progress: DecodeProgress): AsyncGenerator<Uint8Array> {
  const binding = zstdRawBinding();
  const dctx = new binding.DCtx();
  // One full zstd block (128 KiB) fits, so every call can make progress.
  const out = Buffer.allocUnsafe(binding.dStreamOutSize());
  // 0 once a frame is complete and flushed; anything else means "inside a frame".
  let hint = 0;
  let seen = false;
  for await (const chunk of input) {
    seen ||= chunk.length > 0;
    for (let pos = 0; pos < chunk.length; pos += IN_STEP) {
      const piece = chunk.subarray(pos, Math.min(chunk.length, pos + IN_STEP));
      let used = 0;
      for (;;) {
        let next: number;
        let produced: number;
        let consumed: number;
        try {
          [next, produced, consumed] = dctx.decompressStream(out, piece.subarray(used));
        } catch (err) {
          throw new DecodeStop(`zstd: ${(err as Error).message}`);
        }
        // A call that does nothing after a frame ended (its last output filled the buffer
        // exactly) answers "a new frame may follow": that is not being inside one.
        if (produced > 0 || consumed > 0) hint = next;
        used += consumed;
        progress.consumed += consumed;
        if (produced > 0) yield out.subarray(0, produced);
        if (used >= piece.length && produced < out.length) break;
        if (consumed === 0 && produced === 0) throw new DecodeStop('zstd: no progress');
      }
    }
  }
  if (!seen) throw new DecodeStop('zstd: empty file: no zstd frame');
  if (hint !== 0) throw new DecodeStop('zstd: the stream ends inside a frame (truncated)');
}
