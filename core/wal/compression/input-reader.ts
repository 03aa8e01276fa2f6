/**
 * Pull-style access to a compressed stream that arrives in pieces: a decoder asks for the
 * next n bytes (a frame header, one block), never for the whole input. The buffer grows only
 * to the largest unit asked for (an LZ4 block: at most 4 MiB plus its checksum).
 */
export class InputReader {
  private buf = new Uint8Array(0);
  private start = 0;
  private end = 0;
  private done = false;
  /** Input bytes taken (handed to the decoder) so far. */
  consumed = 0;

  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  /** Makes at least n bytes available unless the input ends first; returns how many are. */
  async fill(n: number): Promise<number> {
    while (this.end - this.start < n && !this.done) {
      const next = await this.source.next();
      if (next.done) {
        this.done = true;
        break;
      }
      this.append(next.value);
    }
    return Math.min(n, this.end - this.start);
  }

  private append(piece: Uint8Array): void {
    const have = this.end - this.start;
    if (this.end + piece.length > this.buf.length) {
      const next = have + piece.length > this.buf.length ? new Uint8Array(Math.max(have + piece.length, this.buf.length * 2)) : this.buf;
      if (next === this.buf) next.copyWithin(0, this.start, this.end);
      else next.set(this.buf.subarray(this.start, this.end), 0);
      this.buf = next;
      this.start = 0;
      this.end = have;
    }
    this.buf.set(piece, this.end);
    this.end += piece.length;
  }

  /** The buffer and the position of the next byte (valid until the next fill). */
  get bytes(): Uint8Array {
    return this.buf;
  }
  get pos(): number {
    return this.start;
  }

  /** Drops n available bytes. */
  take(n: number): void {
    this.start += n;
    this.consumed += n;
  }

  /** Drops n bytes, available or not (a skippable frame); returns how many existed. */
  async skip(n: number): Promise<number> {
    let left = n;
    for (;;) {
      const here = Math.min(left, this.end - this.start);
      this.take(here);
      left -= here;
      if (left === 0 || this.done) return n - left;
      // Fill without keeping: the skipped bytes are never buffered all at once.
      this.start = this.end = 0;
      await this.fill(1);
      if (this.end === this.start) return n - left;
    }
  }

  /** True when no byte is left. */
  async atEnd(): Promise<boolean> {
    return (await this.fill(1)) === 0;
  }
}
