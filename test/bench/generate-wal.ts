import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { encodeBinaryEntry } from '../../core/wal/binary-codec.js';
import { entryText } from '../../core/wal/log-entry.js';
import { createEntry } from '../../core/wal/new-entry.js';
import { randomEntry, seededRandom } from '../support/random-entries.js';

/**
 * Writes a binary WAL of about `bytes` bytes with entries of realistic, mixed sizes
 * (mostly 100–2,000 bytes), as one Sentinel collection's WAL holds them: one collection,
 * thousands of documents, every entry with its own transaction id and a valid CRC. A pool of
 * distinct entries is cycled for speed, each copy given a fresh transaction id.
 */
export function generateWal(file: string, bytes: number, seed = 1): { file: string; entries: number; bytes: number } {
  file = file.replace(/\.wal$/, '-collection.wal');
  if (fs.existsSync(file) && fs.statSync(file).size >= bytes) {
    return { file, entries: -1, bytes: fs.statSync(file).size };
  }
  const rand = seededRandom(seed);
  const pool: Buffer[] = [];
  for (let i = 0; i < 8192; i++) {
    const t = entryText(randomEntry(rand, i));
    pool.push(Buffer.from(encodeBinaryEntry(createEntry({ ...t, collection: 'users' }))));
  }
  const fd = fs.openSync(file + '.tmp', 'w');
  let written = 0;
  let entries = 0;
  let batch: Buffer[] = [];
  let batchBytes = 0;
  while (written < bytes) {
    const b = Buffer.from(pool[entries % pool.length]!);
    // Entry type (1 byte), transaction id length (1 byte), then the 32-byte id: make it unique.
    b.write(entries.toString(36).padStart(32, 'x'), 2, 32, 'latin1');
    b.writeUInt32LE(zlib.crc32(b.subarray(0, b.length - 4)), b.length - 4);
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
  return { file, entries, bytes: written };
}
