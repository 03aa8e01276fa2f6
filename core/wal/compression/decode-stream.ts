import type { Compression } from './compression.js';
import type { DecodeProgress } from './decode-stop.js';
import { decodeLz4Stream } from './lz4-frame.js';
import { decodeZlibInto } from './zlib-decode.js';
import { decodeZstdStream } from './zstd-decode.js';

/**
 * Decodes a compressed stream given in pieces into `onData`, in bounded memory whatever it
 * expands to: each decoded piece is handed on as it is made (a view: copy or write it before
 * returning; throw from onData to stop). Damage throws DecodeStop after every byte decoded
 * before it was handed on; `progress.consumed` then says how far into the compressed bytes
 * the decoder got. `openInput` may be called twice (zlib's second pass after damage).
 */
export async function decodeInto(
  algo: Compression, openInput: () => AsyncIterable<Uint8Array>, progress: DecodeProgress, onData: (piece: Uint8Array) => void,
): Promise<void> {
  switch (algo) {
    case 'none':
      for await (const chunk of openInput()) {
        progress.consumed += chunk.length;
        onData(chunk);
      }
      return;
    case 'zstd':
      return drain(decodeZstdStream(openInput(), progress), onData);
    case 'lz4':
      return drain(decodeLz4Stream(openInput(), progress), onData);
    case 'brotli':
    case 'deflate':
    case 'gzip':
      return decodeZlibInto(openInput, algo, progress, onData);
  }
}

/** Gives the event loop a turn after this much output (these decoders run synchronously between input reads). */
const YIELD_EVERY = 8 << 20;

async function drain(pieces: AsyncGenerator<Uint8Array>, onData: (piece: Uint8Array) => void): Promise<void> {
  let since = 0;
  try {
    for await (const piece of pieces) {
      onData(piece);
      since += piece.length;
      if (since >= YIELD_EVERY) {
        since = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    await pieces.return(undefined);
  }
}
