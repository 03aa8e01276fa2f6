import * as fs from 'node:fs';
import { fsError, WalError } from '../wal-error.js';
import { describeFileType } from '../file-type.js';

const CHUNK = 256 * 1024;

/**
 * The bytes of a compressed segment in pieces (fresh buffers: zlib keeps what it is given).
 * Opened without blocking (a FIFO would otherwise hang the open) and refused unless it is
 * a regular file: a FIFO or a device never ends. `maxBytes` stops reading past that many
 * bytes (`onLimit` is told), so no input is read without bound.
 */
export async function* readChunks(path: string, options: { signal?: AbortSignal; maxBytes?: number; onLimit?: () => void } = {}): AsyncGenerator<Uint8Array> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw fsError(err, path, 'open for reading');
  }
  try {
    let st: fs.Stats;
    try {
      st = await handle.stat();
    } catch (err) {
      throw fsError(err, path, 'stat');
    }
    if (!st.isFile()) throw new WalError('NOT_A_WAL', `${path} is ${describeFileType(st)}, not a regular file: it is not read`, { file: path });
    const max = options.maxBytes ?? Infinity;
    let pos = 0;
    for (;;) {
      if (options.signal?.aborted) throw new WalError('ABORTED', `${path}: aborted`, { file: path, cause: options.signal.reason });
      if (pos >= max) {
        options.onLimit?.();
        return;
      }
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, max - pos));
      let n: number;
      try {
        ({ bytesRead: n } = await handle.read(buf, 0, buf.length, pos));
      } catch (err) {
        throw fsError(err, path, `read at offset ${pos}`);
      }
      if (n === 0) return;
      pos += n;
      yield n === buf.length ? buf : buf.subarray(0, n);
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}
