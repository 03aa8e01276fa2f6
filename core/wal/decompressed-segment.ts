import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BufferByteSource, FileByteSource, type ByteSource } from './byte-source.js';
import { decompressFile, type DecompressFailure } from './compression/index.js';
import { DEFAULT_WAL_CONFIG } from './config.js';
import type { SegmentRef } from './log-location.js';
import { WalError } from './wal-error.js';

/**
 * A compressed segment, decompressed for random access in bounded memory: held in memory up
 * to SPILL_AT bytes, beyond that in an unlinked temporary file (gone when the source closes,
 * or with the process). A segment the writer made holds at most its rotation size (plus one
 * entry larger than it); one that expands past EXPANSION_RATIO times that is not read further
 * and is reported (a corrupt-compression record naming the file), never refused silently.
 */
export const SPILL_AT = 32 * 1024 * 1024;
export const EXPANSION_RATIO = 16;
const DEFAULT_ROTATION = DEFAULT_WAL_CONFIG.maxFileSize ?? 10 * 1024 * 1024;
const WRITE_BUFFER = 1024 * 1024;

/** The most a segment may expand to, given the chain's rotation size (at least the default 10 MiB). */
export function expansionLimit(rotationSize = DEFAULT_ROTATION): number {
  return Math.max(rotationSize, DEFAULT_ROTATION) * EXPANSION_RATIO;
}

export interface DecompressedSegment {
  readonly source: ByteSource;
  /** Why it stopped before the end of the compressed stream, naming the file and both offsets. */
  readonly error?: string;
  readonly failure?: DecompressFailure;
}

export async function openDecompressed(segment: SegmentRef, options: { signal?: AbortSignal; maxBytes?: number } = {}): Promise<DecompressedSegment> {
  const maxBytes = options.maxBytes ?? expansionLimit();
  const sink = new SpillSink(segment);
  let result;
  try {
    result = await decompressFile(segment.path, segment.compression, (piece) => sink.write(piece), {
      maxBytes, ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    sink.discard();
    throw err;
  }
  const source = sink.finish();
  if (!result.error) return { source };
  return { source, error: describeFailure(segment, result.error, maxBytes), failure: result.error };
}

function describeFailure(segment: SegmentRef, f: DecompressFailure, maxBytes: number): string {
  let size = '';
  try {
    size = ` of ${fs.statSync(segment.path).size}`;
  } catch {
    // the file went away meanwhile: the offsets still say where it stopped
  }
  const where = `at compressed byte ${f.compressedOffset}${size}, decompressed byte ${f.decompressedOffset}`;
  if (f.limitExceeded) {
    return `${segment.path} expands past ${maxBytes} bytes (${EXPANSION_RATIO}× the rotation size), more than a segment can hold; not read further (${where}): ${f.message}`;
  }
  return `${segment.path}: ${f.message} (${where})`;
}

class SpillSink {
  private memory: Buffer | null = Buffer.allocUnsafe(1 << 20);
  private len = 0;
  private fd = -1;
  private tempPath = '';
  private tempDir = '';
  private pending = 0;

  constructor(private readonly segment: SegmentRef) {}

  write(piece: Uint8Array): void {
    if (this.memory && this.len + piece.length <= SPILL_AT) {
      if (this.len + piece.length > this.memory.length) {
        const next = Buffer.allocUnsafe(Math.min(SPILL_AT, Math.max(this.len + piece.length, this.memory.length * 2)));
        this.memory.copy(next, 0, 0, this.len);
        this.memory = next;
      }
      this.memory.set(piece, this.len);
      this.len += piece.length;
      return;
    }
    if (this.memory) this.spill();
    // Gathered into WRITE_BUFFER-sized writes (zlib hands over 16 KiB at a time).
    if (this.pending + piece.length > WRITE_BUFFER) this.flush();
    if (piece.length >= WRITE_BUFFER) {
      this.writeOut(piece);
      return;
    }
    this.buffer!.set(piece, this.pending);
    this.pending += piece.length;
  }

  private buffer: Buffer | null = null;

  private spill(): void {
    try {
      this.tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-inspector-'));
      this.tempPath = path.join(this.tempDir, path.basename(this.segment.name).replace(/\.[^.]+$/, ''));
      this.fd = fs.openSync(this.tempPath, 'wx+', 0o600);
    } catch (err) {
      this.discard();
      throw new WalError('IO_ERROR', `${this.segment.path}: cannot hold its decompressed bytes in a temporary file under ${os.tmpdir()}: ${(err as Error).message}`, { file: this.segment.path, cause: err });
    }
    // Unlinked at once where the OS allows it (not Windows): nothing is left behind, whatever happens.
    try {
      fs.unlinkSync(this.tempPath);
      fs.rmdirSync(this.tempDir);
      this.tempPath = this.tempDir = '';
    } catch {
      // removed on close instead
    }
    const mem = this.memory!;
    this.memory = null;
    this.buffer = Buffer.allocUnsafe(WRITE_BUFFER);
    this.writeOut(mem.subarray(0, this.len));
  }

  private writeOut(bytes: Uint8Array): void {
    let done = 0;
    try {
      while (done < bytes.length) done += fs.writeSync(this.fd, bytes, done, bytes.length - done);
    } catch (err) {
      this.discard();
      throw new WalError('IO_ERROR', `${this.segment.path}: cannot write its decompressed bytes to a temporary file: ${(err as Error).message}`, { file: this.segment.path, cause: err });
    }
  }

  private flush(): void {
    if (this.pending === 0) return;
    this.writeOut(this.buffer!.subarray(0, this.pending));
    this.pending = 0;
  }

  finish(): ByteSource {
    if (this.memory) {
      const bytes = this.memory.subarray(0, this.len);
      this.memory = null;
      return new BufferByteSource(this.segment.name, bytes);
    }
    this.flush();
    this.buffer = null;
    const { tempPath, tempDir } = this;
    const fd = this.fd;
    this.fd = -1;
    return FileByteSource.adopt(fd, this.segment.name, this.segment.path, () => removeTemp(tempPath, tempDir));
  }

  discard(): void {
    this.memory = null;
    this.buffer = null;
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
    removeTemp(this.tempPath, this.tempDir);
    this.tempPath = this.tempDir = '';
  }
}

function removeTemp(file: string, dir: string): void {
  if (file) fs.rmSync(file, { force: true });
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
