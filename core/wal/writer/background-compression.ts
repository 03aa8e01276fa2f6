import { unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsyncDir } from '../../fs/atomic-file.js';
import { FsError } from '../../fs/fs-error.js';
import { compressFile } from '../compression/compress.js';
import { compressionExtension, type CompressionAlgorithm } from '../compression/compression.js';
import { fsError, WalError } from '../wal-error.js';

/**
 * Compresses rotated segments off the append path, as the original does with a spawned
 * task: compress to the compressed name, then remove the uncompressed file. A crash in
 * between leaves both files; readers then read the uncompressed one. Unlike the original,
 * failures are kept and reported instead of only logged.
 */
export class BackgroundCompression {
  private readonly pending = new Set<Promise<void>>();
  private errors: WalError[] = [];
  /** Names of the compressed segments written so far. */
  readonly done: string[] = [];

  constructor(private readonly onError?: (err: WalError) => void) {}

  start(segmentPath: string, algo: CompressionAlgorithm): void {
    const dest = segmentPath + compressionExtension(algo);
    const job = (async () => {
      await compressFile(segmentPath, dest, algo);
      try {
        await unlink(segmentPath);
      } catch (err) {
        throw fsError(err, segmentPath, 'remove after compression');
      }
      await fsyncDir(dirname(segmentPath));
      this.done.push(dest);
    })()
      .catch((err: unknown) => {
        const e = err instanceof WalError ? err : err instanceof FsError ? new WalError(err.code, err.message, err.context) : new WalError('COMPRESSION_ERROR', `compressing ${segmentPath}: ${(err as Error).message}`, { file: segmentPath, cause: err });
        this.errors.push(e);
        this.onError?.(e);
      })
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  get busy(): number {
    return this.pending.size;
  }

  /** Waits for every compression started so far; returns (and forgets) the failures since the last call. */
  async flush(): Promise<WalError[]> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    const errors = this.errors;
    this.errors = [];
    return errors;
  }
}
