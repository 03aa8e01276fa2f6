import { BinaryScanner, SCAN_DAMAGE, SCAN_END, type BinaryScannerOptions } from './binary-scanner.js';
import type { ByteWindow } from './byte-source.js';
import { entryScanKernel, type EntryScanKernel } from './wasm/entry-scan.js';

/** A run stops this far into the chunk; the chunk moves on when less than this is left. */
const RUN_BYTES = 1 << 20;

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
  /** After a run fails its check, shorter runs narrow down the damaged entry. */
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
      if (k < 0 && this.runEntries > 8) {
        this.runEntries = Math.ceil(this.runEntries / 4);
        continue;
      }
      this.slowUntil = k < 0 ? this.chunkStart + kernel.runEnd : pos + 1;
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
