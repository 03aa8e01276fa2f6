import * as fs from 'node:fs';
import { describeFileType } from './file-type.js';
import { fsError, WalError } from './wal-error.js';

/**
 * Random access to the bytes of one (decompressed) segment. Files are read with positional
 * reads so that nothing holds a whole file; a growing active segment is seen by `refreshSize`.
 */
export interface ByteSource {
  readonly name: string;
  size(): number;
  /** Re-reads the size (a followed file grows). */
  refreshSize(): number;
  /** Copies bytes [pos, pos + len) into `into` at `at`; returns the count copied. */
  readInto(into: Uint8Array, at: number, pos: number, len: number): number;
  close(): void;
}

export class FileByteSource implements ByteSource {
  private fd: number;
  private length: number;

  private constructor(readonly name: string, readonly path: string, fd: number, length: number, private readonly onClose?: () => void) {
    this.fd = fd;
    this.length = length;
  }

  /**
   * Opens a segment. Without blocking (opening a FIFO would wait for a writer forever), and
   * only a regular file: a FIFO, device or directory is refused (WalError NOT_A_WAL).
   */
  static open(path: string, name: string): FileByteSource {
    let fd: number;
    try {
      fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    } catch (err) {
      throw fsError(err, path, 'open for reading');
    }
    let st: fs.Stats;
    try {
      st = fs.fstatSync(fd);
    } catch (err) {
      fs.closeSync(fd);
      throw fsError(err, path, 'read');
    }
    if (!st.isFile()) {
      fs.closeSync(fd);
      throw new WalError('NOT_A_WAL', `${path} is ${describeFileType(st)}, not a regular file: it is not read`, { file: path });
    }
    return new FileByteSource(name, path, fd, st.size);
  }

  /** A source over an open file descriptor it now owns (a temporary file); `onClose` runs after it is closed. */
  static adopt(fd: number, name: string, path: string, onClose?: () => void): FileByteSource {
    return new FileByteSource(name, path, fd, fs.fstatSync(fd).size, onClose);
  }

  size(): number {
    return this.length;
  }

  refreshSize(): number {
    this.length = fs.fstatSync(this.fd).size;
    return this.length;
  }

  /** The open file's inode: a rotation renames it away and a new file takes the path. */
  inode(): number {
    return fs.fstatSync(this.fd).ino;
  }

  readInto(into: Uint8Array, at: number, pos: number, len: number): number {
    let done = 0;
    while (done < len) {
      let n: number;
      try {
        n = fs.readSync(this.fd, into, at + done, len - done, pos + done);
      } catch (err) {
        throw fsError(err, this.path, `read at offset ${pos + done}`);
      }
      if (n === 0) break;
      done += n;
    }
    return done;
  }

  close(): void {
    if (this.fd < 0) return;
    fs.closeSync(this.fd);
    this.fd = -1;
    this.onClose?.();
  }
}

export class BufferByteSource implements ByteSource {
  constructor(readonly name: string, private readonly bytes: Uint8Array) {}
  size(): number {
    return this.bytes.length;
  }
  refreshSize(): number {
    return this.bytes.length;
  }
  readInto(into: Uint8Array, at: number, pos: number, len: number): number {
    const n = Math.max(0, Math.min(len, this.bytes.length - pos));
    into.set(this.bytes.subarray(pos, pos + n), at);
    return n;
  }
  close(): void {}
}

const DEFAULT_CHUNK = 4 * 1024 * 1024;

/**
 * A sliding window over a ByteSource: `buf[i]` is the byte at file position `start + i`.
 * It grows only as far as a caller asks, and never past the end of the source, so a claimed
 * length can never make it allocate more than the bytes that exist.
 */
export class ByteWindow {
  buf: Uint8Array;
  start = 0;
  /** Absolute end of the valid bytes in `buf`. */
  end = 0;
  fileSize: number;

  constructor(readonly source: ByteSource, private readonly chunk = DEFAULT_CHUNK) {
    this.buf = new Uint8Array(0);
    this.fileSize = source.size();
  }

  /** Makes [from, min(to, fileSize)) available, keeping `from` and later. */
  ensure(from: number, to: number): void {
    const need = Math.min(to, this.fileSize);
    if (from >= this.start && need <= this.end) return;
    const want = Math.min(Math.max(need, from + this.chunk), this.fileSize);
    const keepFrom = Math.max(from, this.start);
    const reuse = from >= this.start && from <= this.end;
    const needLen = want - from;
    let next = this.buf;
    if (needLen > next.length) next = new Uint8Array(Math.max(needLen, this.chunk));
    let filled = 0;
    if (reuse) {
      // Move the bytes we already have to the front, then read only what is missing.
      filled = this.end - keepFrom;
      if (filled > 0) {
        if (next === this.buf) next.copyWithin(0, keepFrom - this.start, this.end - this.start);
        else next.set(this.buf.subarray(keepFrom - this.start, this.end - this.start), 0);
      }
    }
    const got = this.source.readInto(next, filled, from + filled, needLen - filled);
    this.buf = next;
    this.start = from;
    this.end = from + filled + got;
  }

  /** Re-reads the source size; returns true when it grew. */
  refresh(): boolean {
    const before = this.fileSize;
    this.fileSize = this.source.refreshSize();
    return this.fileSize > before;
  }
}
