import { BinaryScanner, SCAN_DAMAGE, SCAN_END, type BinaryScannerOptions } from './binary-scanner.js';
import type { ByteWindow } from './byte-source.js';
import { crc32 } from './crc32.js';
import { chainEntryCrc } from './crc32-chain.js';
import { entryScanKernel, type EntryScanKernel } from './wasm/entry-scan.js';

/** A run stops this far into the chunk; the chunk moves on when less than this is left. */
const RUN_BYTES = 1 << 20;
/** A failed run's entries are checked in pieces of about this many bytes first. */
const PIECE_BYTES = 64 << 10;

export interface RunVisitor {
  /** Entries the WebAssembly scanner took as one run: `count` rows of its columns; its chunk starts at file position `base`. */
  run(kernel: EntryScanKernel, count: number, base: number): void;
  /** One entry read by the TypeScript scanner (`scanner.layout`, relative to `buf`). */
  entry(scanner: BinaryScanner, buf: Uint8Array): void;
  damage(scanner: BinaryScanner): void;
}

export interface BinaryRunScannerOptions extends BinaryScannerOptions {
  /** 'typescript': the TypeScript scanner alone (the reference the fast path is tested against). */
  readonly engine?: 'wasm' | 'typescript';
  /** Runs carry the kernel's `idsUtf8` column (statistics count ids that are not UTF-8). */
  readonly idsUtf8?: boolean;
}

/**
 * The indexers' scan of a binary segment: runs of intact entries go through the
 * WebAssembly scanner with one CRC call per run; anything else (damage, a run failing its
 * check, an entry larger than a run, an unusual encoding, an incomplete tail) is read by
 * the TypeScript scanner, which owns every damage rule. The records are exactly those of a
 * `BinaryScanner.next()` loop.
 */
export class BinaryRunScanner {
  readonly scanner: BinaryScanner;
  pos = 0;
  private readonly kernel: EntryScanKernel | null;
  private chunkStart = 0;
  private chunkLen = 0;
  /** Up to here the TypeScript scanner reads, entry by entry. */
  private slowUntil = 0;
  /**
   * Entries a run may hold: halved towards the distance between damaged entries after a run
   * fails, doubled after one passes, so damage every few entries does not CRC a whole
   * maximal run for each.
   */
  private runEntries: number;
  private readonly idsUtf8: boolean;

  constructor(readonly window: ByteWindow, options: BinaryRunScannerOptions = {}) {
    this.scanner = new BinaryScanner(window, options);
    this.idsUtf8 = options.idsUtf8 ?? false;
    this.kernel = options.engine === 'typescript' ? null : entryScanKernel();
    this.runEntries = this.kernel?.maxRun ?? 0;
    if (!this.kernel) this.slowUntil = Infinity;
  }

  /**
   * Visits the next run of entries, or the next record, that starts before `stop`.
   * Returns how many records it visited; 0 at the end.
   */
  next(stop: number, visitor: RunVisitor): number {
    const size = this.window.fileSize;
    for (;;) {
      const pos = this.pos;
      if (pos >= stop || pos >= size) return 0;
      if (pos < this.slowUntil) break;
      const kernel = this.kernel!; // slowUntil is Infinity without one
      if (kernel.claim(this)) this.chunkLen = 0; // another scan used the chunk: its bytes are not ours
      let rel = pos - this.chunkStart;
      if (rel < 0 || rel >= this.chunkLen || (this.chunkLen - rel < RUN_BYTES && this.chunkStart + this.chunkLen < size)) {
        this.refill(kernel, pos, size);
        rel = 0;
      }
      const limit = Math.min(this.chunkLen, size - this.chunkStart);
      const k = kernel.scanRun(rel, limit, Math.min(limit, rel + RUN_BYTES, stop - this.chunkStart), this.runEntries, this.idsUtf8);
      if (k > 0) {
        visitor.run(kernel, k, this.chunkStart);
        this.pos = this.chunkStart + kernel.runEnd;
        this.runEntries = Math.min(kernel.maxRun, this.runEntries * 2);
        return k;
      }
      if (k < 0) {
        const good = this.intactPrefix(kernel);
        this.runEntries = Math.max(16, Math.min(this.runEntries >> 1, good));
        if (good > 0) {
          visitor.run(kernel, good, this.chunkStart);
          this.pos = this.chunkStart + kernel.runEnd;
          return good;
        }
        continue; // slowUntil now covers the damaged entry
      }
      // No entry the kernel takes starts here: the TypeScript scanner reads this one entry with
      // its own CRC, not a batch check of the MiB after it that the kernel then reads again.
      this.slowUntil = pos + 1;
      this.scanner.checkEachUntil(pos + 1);
    }
    const s = this.scanner;
    s.pos = this.pos;
    const step = s.next();
    if (step === SCAN_END) return 0;
    if (step === SCAN_DAMAGE) visitor.damage(s);
    else visitor.entry(s, this.window.buf);
    this.pos = s.pos;
    return 1;
  }

  /**
   * After a run failed its one CRC check: checks its entries' own CRCs, each once, up to the
   * first that fails (the last one is not checked: the run failing means it does), instead of
   * narrowing with shorter runs that CRC the same bytes again. Returns how many entries before
   * the damaged one are intact (columns and `runEnd` then describe them); the TypeScript
   * scanner reads the damaged entry, one by one without its own batch check.
   */
  private intactPrefix(kernel: EntryScanKernel): number {
    const { bytes, u32, columns: c } = kernel;
    const n = kernel.runCount;
    let good = 0;
    // Pieces of about PIECE_BYTES, each one CRC call against what its entries chain to
    // (crc32-chain.ts): calls of a few hundred bytes cost zlib.crc32 more per byte than the
    // bytes do. Only the piece that fails is checked entry by entry.
    pieces: while (good < n - 1) {
      const from = u32[c.offset + good]!;
      let expected = 0;
      let to = from;
      let j = good;
      for (; j < n - 1 && to - from < PIECE_BYTES; j++) {
        const length = u32[c.length + j]!;
        expected = chainEntryCrc(expected, length);
        to = u32[c.offset + j]! + length;
      }
      if (crc32(bytes.subarray(from, to)) === expected) {
        good = j;
        continue;
      }
      for (; good < j; good++) {
        const at = u32[c.offset + good]!;
        const crcAt = at + u32[c.length + good]! - 4;
        const stored = (bytes[crcAt]! | (bytes[crcAt + 1]! << 8) | (bytes[crcAt + 2]! << 16) | (bytes[crcAt + 3]! << 24)) >>> 0;
        if (crc32(bytes.subarray(at, crcAt)) !== stored) break pieces;
      }
    }
    const at = u32[c.offset + good]! - kernel.input;
    const damagedEnd = this.chunkStart + at + u32[c.length + good]!;
    this.scanner.checkEachUntil(damagedEnd);
    this.slowUntil = this.chunkStart + at + 1;
    if (good > 0) {
      kernel.runEnd = at;
      kernel.accepted += good;
    }
    return good;
  }

  /** Moves the chunk to start at `at`, keeping the bytes it already holds from there on. */
  private refill(kernel: EntryScanKernel, at: number, size: number): void {
    const chunk = kernel.chunk;
    const end = this.chunkStart + this.chunkLen;
    const keep = at >= this.chunkStart && at < end ? end - at : 0;
    if (keep > 0) chunk.copyWithin(0, at - this.chunkStart, this.chunkLen);
    this.chunkStart = at;
    this.chunkLen = keep + this.window.source.readInto(chunk, keep, at + keep, Math.max(0, Math.min(chunk.length, size - at) - keep));
  }
}
