import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { copyFile, link, lstat, mkdir, open, rename, rm, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CodedError } from '../../errors/coded-error.js';
import { fsyncDir, writeAll } from '../../fs/atomic-file.js';
import { fsFailure, outputExists } from '../../fs/fs-error.js';
import type { ByteSource } from '../byte-source.js';
import { compressFile, type Compression } from '../compression/index.js';
import { WalError } from '../wal-error.js';
import type { RepairPart } from './repair-groups.js';

const CHUNK = 4 << 20;

/**
 * Where a repaired copy is built: a staging directory beside the destination (a dot name
 * with our temporary marker), moved into place only once everything in it is written and
 * fsynced — one link for a file (which fails rather than replace one), one rename for a
 * directory — and removed on any failure. Nothing is ever overwritten.
 */
export class RepairOutput {
  private constructor(readonly dest: string, readonly staging: string) {}

  static async create(dest: string): Promise<RepairOutput> {
    await assertAbsent(dest);
    const staging = join(dirname(dest), `.${basename(dest)}.wal-inspector-tmp-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
    try {
      await mkdir(staging, { mode: 0o755 });
    } catch (err) {
      throw fsFailure(err, staging, 'create a staging directory');
    }
    return new RepairOutput(dest, staging);
  }

  /** Copies a segment that needed no repair, byte for byte (never over an existing name). */
  async copy(from: string, name: string): Promise<void> {
    const to = join(this.staging, name);
    try {
      await copyFile(from, to, fsConstants.COPYFILE_EXCL);
      const fh = await open(to, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
    } catch (err) {
      throw fsFailure(err, to, 'copy into');
    }
  }

  /**
   * Starts copying a segment into the staging directory by the kernel (never over an existing
   * name), to run while the segment is scanned: an uncompressed segment that needs no repair,
   * or only single-bit ones, is then this copy, cut to what was read and patched one byte per
   * repair (PendingCopy.finish); otherwise it is thrown away (PendingCopy.abandon).
   */
  startCopy(from: string, name: string): PendingCopy {
    const to = join(this.staging, name);
    // Synced as soon as it is copied, still beside the scan: the repairs' few bytes are synced after.
    const copied = copyFile(from, to, fsConstants.COPYFILE_EXCL | fsConstants.COPYFILE_FICLONE).then(async () => {
      const fh = await open(to, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
    }).then(() => null, (err: unknown) => err);
    return new PendingCopy(to, copied);
  }

  /**
   * Writes the segment's bytes with every repaired part corrected and every other part left
   * out (for JSON Lines, with the newline that ended it), compressed as asked. Returns the bytes written (uncompressed).
   */
  async write(source: ByteSource, parts: readonly RepairPart[], jsonl: boolean, name: string, compression: Compression, signal?: AbortSignal): Promise<number> {
    const raw = compression === 'none' ? join(this.staging, name) : join(this.staging, `.${name}.uncompressed`);
    let written = 0;
    let fh: FileHandle;
    try {
      fh = await open(raw, 'wx', 0o644);
    } catch (err) {
      throw fsFailure(err, raw, 'create');
    }
    try {
      const buf = new Uint8Array(Math.min(CHUNK, Math.max(1, source.size())));
      const copyRange = async (from: number, to: number) => {
        for (let at = from; at < to;) {
          if (signal?.aborted) throw new WalError('ABORTED', 'the repair was cancelled');
          const n = source.readInto(buf, 0, at, Math.min(buf.length, to - at));
          if (n <= 0) break;
          await writeAll(fh, buf.subarray(0, n));
          written += n;
          at += n;
        }
      };
      let cursor = 0;
      for (const part of parts) {
        await copyRange(cursor, part.offset);
        cursor = part.offset + part.length;
        if (part.repair) {
          await writeAll(fh, part.repair.bytes);
          written += part.repair.bytes.length;
        } else if (jsonl && newlineAt(source, cursor)) {
          cursor++;
        }
      }
      await copyRange(cursor, source.size());
      await fh.sync();
    } catch (err) {
      throw err instanceof CodedError ? err : fsFailure(err, raw, 'write');
    } finally {
      await fh.close();
    }
    if (compression !== 'none') {
      await compressFile(raw, join(this.staging, name), compression, signal ? { signal } : {});
      await unlink(raw).catch(() => undefined);
    }
    return written;
  }

  /** Moves the one file `name` of the staging directory to the destination file. */
  async commitFile(name: string): Promise<void> {
    const from = join(this.staging, name);
    try {
      await fsyncDir(this.staging);
      await link(from, this.dest);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw outputExists(this.dest, err);
      throw fsFailure(err, this.dest, 'create');
    }
    await fsyncDir(dirname(this.dest));
    await this.discard();
  }

  /**
   * Renames the staging directory to the destination. rename(2) would replace an empty
   * directory created there meanwhile (there is no portable "no replace" rename): the
   * destination is checked right before, which leaves only that instant open.
   */
  async commitDirectory(): Promise<void> {
    await fsyncDir(this.staging);
    await assertAbsent(this.dest);
    try {
      await rename(this.staging, this.dest);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' || (err as NodeJS.ErrnoException).code === 'ENOTEMPTY') throw outputExists(this.dest, err);
      throw fsFailure(err, this.dest, 'rename into place');
    }
    await fsyncDir(dirname(this.dest));
  }

  async discard(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** A kernel copy of a segment under way (RepairOutput.startCopy). */
export class PendingCopy {
  constructor(private readonly to: string, private readonly copied: Promise<unknown>) {}

  /**
   * The copy as the output: cut to `size` (what was read, not what a writer appended since),
   * each repaired byte written over it, synced. `parts` must all be repaired.
   */
  async finish(size: number, parts: readonly RepairPart[]): Promise<void> {
    const to = this.to;
    try {
      const failed = await this.copied;
      if (failed) throw failed;
      const fh = await open(to, 'r+');
      try {
        await fh.truncate(size);
        for (const part of parts) {
          const r = part.repair!;
          await fh.write(Uint8Array.of(r.after), 0, 1, part.offset + r.byte);
        }
        await fh.sync();
      } finally {
        await fh.close();
      }
    } catch (err) {
      throw fsFailure(err, to, 'copy into');
    }
  }

  /** Not the output after all: waits for the copy and removes it. */
  async abandon(): Promise<void> {
    await this.copied;
    await unlink(this.to).catch(() => undefined);
  }
}

function newlineAt(source: ByteSource, at: number): boolean {
  const b = new Uint8Array(1);
  return source.readInto(b, 0, at, 1) === 1 && b[0] === 0x0a;
}

async function assertAbsent(dest: string): Promise<void> {
  try {
    await lstat(dest);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw fsFailure(err, dest, 'check');
  }
  throw outputExists(dest);
}
