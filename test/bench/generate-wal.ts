import * as fs from 'node:fs';
import { encodeBinaryEntry } from '../../core/wal/binary-codec.js';
import { randomEntry, seededRandom } from '../support/random-entries.js';

/**
 * Writes a binary WAL of about `bytes` bytes with entries of realistic, mixed sizes
 * (mostly 100–2,000 bytes). A pool of distinct entries is cycled with fresh timestamps'
 * worth of variety so generation is fast; every entry is a valid, CRC-checked entry.
 */
export function generateWal(file: string, bytes: number, seed = 1): { entries: number; bytes: number } {
  if (fs.existsSync(file) && fs.statSync(file).size >= bytes) {
    return { entries: -1, bytes: fs.statSync(file).size };
  }
  const rand = seededRandom(seed);
  const pool: Buffer[] = [];
  for (let i = 0; i < 8192; i++) pool.push(Buffer.from(encodeBinaryEntry(randomEntry(rand, i))));
  const fd = fs.openSync(file + '.tmp', 'w');
  let written = 0;
  let entries = 0;
  let batch: Buffer[] = [];
  let batchBytes = 0;
  while (written < bytes) {
    const b = pool[entries % pool.length]!;
    batch.push(b);
    batchBytes += b.length;
    written += b.length;
    entries++;
    if (batchBytes > 8 << 20) {
      fs.writeSync(fd, Buffer.concat(batch, batchBytes));
      batch = [];
      batchBytes = 0;
    }
  }
  fs.writeSync(fd, Buffer.concat(batch, batchBytes));
  fs.closeSync(fd);
  fs.renameSync(file + '.tmp', file);
  return { entries, bytes: written };
}
