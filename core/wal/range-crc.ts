import type { ByteWindow } from './byte-source.js';
import { crc32 } from './crc32.js';
import { crc32Shift } from './crc32-chain.js';

/** Spacing of the stored prefix CRCs: a range's CRC reads at most this many bytes at each end. */
export const MARK_SPACING = 1024;
const READ_CHUNK = 1 << 20;
const AHEAD = 8 << 10;

/**
 * The CRC-32 of any byte range of a segment in O(MARK_SPACING) reads, from prefix CRCs
 * stored every MARK_SPACING bytes. With C(x) = crc32 of the bytes [origin, x):
 *   crc32([a, b)) = C(b) ^ shift(C(a), b - a)
 * (crc32 is affine in its initial value; see crc32-chain.ts). Resynchronisation asks this of
 * every candidate entry that claims a long range: checking each claim byte by byte made a
 * file of nested fake headers quadratic. The marks only ever extend forward, so each byte
 * is summed once however many candidates overlap it; memory is 4 bytes per MARK_SPACING
 * bytes between the first position asked and the furthest.
 */
export class RangeCrc {
  /** Absolute position of marks[0]; marks[k] = C(first + k * MARK_SPACING). */
  private first = -1;
  private marks = new Uint32Array(256);
  private count = 0;
  private scratch = new Uint8Array(MARK_SPACING);
  private chunk: Uint8Array | null = null;
  /** The bytes last read by `extend` ([chunkPos, chunkPos + chunkLen)): ends asked for often lie there. */
  private chunkPos = 0;
  private chunkLen = 0;
  /** The last exact value asked for: candidates come in increasing order, so starts chain from it. */
  private lastPos = -1;
  private lastCrc = 0;

  constructor(private readonly window: ByteWindow) {}

  /** crc32 of the bytes [from, to); both within the source. */
  range(from: number, to: number): number {
    // Past the last mark, start afresh: extending would CRC every byte since the previous
    // damaged range (on a log with damage every few MiB, the whole file once more).
    if (this.first < 0 || from < this.first || from >= this.first + this.count * MARK_SPACING) this.restart(from);
    else this.dropBefore(from);
    const a = this.at(from);
    const b = this.at(to);
    return (b ^ crc32Shift(a, to - from)) >>> 0;
  }

  private restart(at: number): void {
    this.first = at;
    this.marks[0] = 0;
    this.count = 1;
    this.lastPos = -1;
  }

  /** Marks before `from` are never asked for again (scans move forward): keep the array small. */
  private dropBefore(from: number): void {
    const dead = Math.floor((from - this.first) / MARK_SPACING);
    if (dead < 4096 || dead * 2 < this.count) return;
    this.marks.copyWithin(0, dead, this.count);
    this.count -= dead;
    this.first += dead * MARK_SPACING;
  }

  /** C(x), x >= first. */
  private at(x: number): number {
    if (x === this.lastPos) return this.lastCrc;
    const k = Math.floor((x - this.first) / MARK_SPACING);
    this.extend(k);
    let basePos = this.first + k * MARK_SPACING;
    let base = this.marks[k]!;
    if (this.lastPos > basePos && this.lastPos <= x) {
      basePos = this.lastPos;
      base = this.lastCrc;
    }
    const value = crc32(this.bytes(basePos, x), base);
    this.lastPos = x;
    this.lastCrc = value;
    return value;
  }

  /** The bytes [from, to) (to - from <= MARK_SPACING): from the scanner's window or the last chunk when they hold them. */
  private bytes(from: number, to: number): Uint8Array {
    const w = this.window;
    if (from >= w.start && to <= w.end) return w.buf.subarray(from - w.start, to - w.start);
    if (this.chunk && from >= this.chunkPos && to <= this.chunkPos + this.chunkLen) {
      return this.chunk.subarray(from - this.chunkPos, to - this.chunkPos);
    }
    const n = w.source.readInto(this.scratch, 0, from, to - from);
    return this.scratch.subarray(0, n);
  }

  /** Computes marks up to index k (and on to the end of the chunk read), reading the bytes between once. */
  private extend(k: number): void {
    if (k < this.count) return;
    this.chunk ??= new Uint8Array(READ_CHUNK);
    const size = this.window.source.size();
    while (this.count <= k) {
      const pos = this.first + (this.count - 1) * MARK_SPACING;
      // Read what is asked for (at least AHEAD, for the candidates that follow), not a whole
      // chunk: one claim just past LONG_ENTRY must not cost a MiB of CRC.
      const want = Math.max(AHEAD, (k - this.count + 2) * MARK_SPACING);
      const n = this.window.source.readInto(this.chunk, 0, pos, Math.min(READ_CHUNK, want, size - pos));
      if (n < MARK_SPACING) throw new RangeError(`RangeCrc: the source ends at ${pos + n}, before ${this.first + k * MARK_SPACING}`);
      this.chunkPos = pos;
      this.chunkLen = n;
      const pieces = Math.floor(n / MARK_SPACING);
      if (this.count + pieces > this.marks.length) {
        const next = new Uint32Array(Math.max(this.count + pieces, this.marks.length * 2));
        next.set(this.marks.subarray(0, this.count));
        this.marks = next;
      }
      let value = this.marks[this.count - 1]!;
      for (let i = 0; i < pieces; i++) {
        value = crc32(this.chunk.subarray(i * MARK_SPACING, (i + 1) * MARK_SPACING), value);
        this.marks[this.count++] = value;
      }
    }
  }
}
