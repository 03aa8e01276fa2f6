import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import type { LogLocation } from '../wal/log-location.js';
import { RestoreError } from './restore-error.js';
import type { LogRange } from './restore-types.js';

const CHUNK = 4 << 20;

/** SHA-256 of the first `bytes` bytes of `file`; null when the file is shorter or missing. */
export async function prefixDigest(file: string, bytes: number): Promise<string | null> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(bytes, 1)));
    let done = 0;
    while (done < bytes) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, bytes - done), done);
      if (bytesRead === 0) return null;
      hash.update(buf.subarray(0, bytesRead));
      done += bytesRead;
    }
    return hash.digest('hex');
  } finally {
    await fh.close();
  }
}

/** The size of every segment file, taken before the plan reads the chain (what it reads at least). */
export async function segmentSizes(location: LogLocation): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const s of location.segments) sizes.set(s.path, (await stat(s.path)).size);
  return sizes;
}

/** The digest of each segment's bytes up to the size it had when the plan read it. */
export async function logRanges(collection: string, sizes: ReadonlyMap<string, number>): Promise<LogRange[]> {
  const out: LogRange[] = [];
  for (const [file, bytes] of sizes) {
    const sha256 = await prefixDigest(file, bytes);
    if (sha256 === null) throw new RestoreError('PLAN_STALE', `${file} shrank or went away while the plan read it; plan again`, { file, collection });
    out.push({ collection, file, bytes, sha256 });
  }
  return out;
}

/** Refuses (PLAN_STALE, naming the file) if a log range reads differently from when the plan was made. */
export async function checkLogRanges(ranges: readonly LogRange[]): Promise<void> {
  for (const r of ranges) {
    const now = await prefixDigest(r.file, r.bytes);
    if (now !== r.sha256) {
      throw new RestoreError('PLAN_STALE', now === null
        ? `${r.file}: the log file the plan read is gone or shorter than the ${r.bytes} bytes it read; plan again`
        : `${r.file}: the first ${r.bytes} bytes of the log differ from when the plan was made; plan again`, { file: r.file, collection: r.collection });
    }
  }
}
