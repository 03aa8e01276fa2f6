/** Why a compressed stream stopped decoding (damage, truncation): what the reader reports, never a crash. */
export class DecodeStop extends Error {}

/** Shared with the caller while decoding: how many compressed bytes the decoder had taken. */
export interface DecodeProgress {
  consumed: number;
}

/** One buffer as a stream of one piece. */
export async function* onePiece(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
