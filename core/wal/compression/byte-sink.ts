/**
 * A growable output buffer: decoders write straight into `buf` after `reserve`, so the
 * decompressed bytes are copied only when the buffer grows (doubling), never per chunk.
 */
export class ByteSink {
  buf: Buffer;
  len = 0;

  constructor(initial: number) {
    this.buf = Buffer.allocUnsafe(Math.max(1024, initial));
  }

  /** Makes room for `extra` more bytes after `len`. */
  reserve(extra: number): void {
    const need = this.len + extra;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  /** The bytes written so far (a view; the sink is not used after this). */
  result(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}

/** What every decoder returns: all bytes decoded before any error, and the error. */
export interface DecodeOutcome {
  readonly bytes: Buffer;
  readonly error?: { readonly message: string };
}

export function limitExceeded(maxBytes: number): { message: string } {
  return { message: `decompressed size exceeds the limit of ${maxBytes} bytes` };
}
